import {
  comparator,
  type Doc,
  type GenerationRef,
  orderWithTiebreak,
  type Query,
  type ReadStore,
} from '@sales/read-store';
import {
  CUT_AT,
  FOREVER,
  OF,
  RECORDED_FROM,
  RETRACTED_AT,
  VALID_FROM,
  VALID_TO,
  type VersionRow,
  versionState,
  versionsOf,
} from './version-fields.js';
import type { Projection, SelfCut } from '../runtime/projection.js';

/** A collection's own cut, when it keeps no versions (Projection.selfCut). */
export type SelfCutOf = (projection: string, collection: string) => SelfCut | undefined;

/** Where TimeCutReads finds the self-cut collections of the given projections. */
export const selfCutOf =
  (projections: readonly Projection[]): SelfCutOf =>
  (projection, collection) =>
    projections.find((p) => p.name === projection)?.selfCut?.[collection];

/** What reads of documents need: the read side of a ReadStore. */
export type DocReader = Pick<ReadStore, 'get' | 'getMany' | 'find' | 'count'>;

/** A time to read at: business time `asOf`, as recorded by `knownAt` (null: all recorded so far). */
export type TimeCut = { asOf: string; knownAt: string | null };

type Where = NonNullable<Query['where']>;

// The read models as of a time cut, from the versions the projections keep (version-fields.ts):
// the documents whose serving version had begun by then, and the versions that stood then. Each
// read is one query on the documents and one or two on their versions, through the same indexes,
// merged in the query's order. Reports read these exactly as they read the live documents. A
// collection that keeps no versions says itself what each of its documents was at the cut.
export class TimeCutReads implements DocReader {
  constructor(
    private readonly store: DocReader,
    readonly cut: TimeCut,
    private readonly selfCut: SelfCutOf = () => undefined,
  ) {}

  async get(ref: GenerationRef, collection: string, id: string): Promise<Doc | null> {
    return (await this.getMany(ref, collection, [id]))[0] ?? null;
  }

  async getMany(ref: GenerationRef, collection: string, ids: string[]): Promise<Doc[]> {
    if (ids.length === 0) return [];
    const found = await this.store.getMany(ref, collection, ids);
    const own = this.selfCut(ref.projection, collection);
    if (own) return this.cutBy(own, found);
    const serving = found.filter((doc) => this.standing(doc));
    // Without knownAt, no version of a document whose serving version had begun by asOf stands
    // then (every version ended before its successor began): only the others are looked up.
    const settled = this.cut.knownAt === null ? new Set(serving.map((doc) => doc._id)) : new Set<string>();
    const unsettled = [...new Set(ids)].filter((id) => !settled.has(id));
    if (unsettled.length === 0) return serving.map(strip);
    const past = await this.versions(ref, collection, { where: { [OF]: { in: unsettled } } });
    return [...serving.map(strip), ...past];
  }

  async find(ref: GenerationRef, collection: string, query: Query = {}): Promise<Doc[]> {
    const own = this.selfCut(ref.projection, collection);
    if (own) {
      const { limit, ...all } = query;
      const docs = this.cutBy(own, await this.store.find(ref, collection, all));
      return limit === undefined ? docs : docs.slice(0, limit);
    }
    const where = query.where ?? {};
    const serving = await this.store.find(ref, collection, {
      ...query,
      where: { ...where, ...this.servingWhere() },
    });
    const past = await this.versions(ref, collection, query);
    const all = [...serving.map(strip), ...past];
    if (past.length === 0) return all;
    all.sort(comparator(orderWithTiebreak(query.orderBy)));
    return query.limit === undefined ? all : all.slice(0, query.limit);
  }

  async count(ref: GenerationRef, collection: string, where: Query['where'] = {}): Promise<number> {
    if (this.selfCut(ref.projection, collection)) return (await this.find(ref, collection, { where })).length;
    const serving = await this.store.count(ref, collection, { ...where, ...this.servingWhere() });
    let past = 0;
    for (const cut of this.versionWheres())
      past += await this.store.count(ref, versionsOf(collection), withCut(where, cut));
    return serving + past;
  }

  private cutBy(own: SelfCut, docs: Doc[]): Doc[] {
    return docs.flatMap((doc) => (own(doc, this.cut) as Doc | null) ?? []);
  }

  /** Whether a serving document had begun by the cut. */
  private standing(doc: Doc): boolean {
    const { asOf, knownAt } = this.cut;
    return (
      String(doc[VALID_FROM] ?? '') <= asOf &&
      (knownAt === null || String(doc[RECORDED_FROM] ?? '') <= knownAt)
    );
  }

  private servingWhere(): Where {
    const { asOf, knownAt } = this.cut;
    return knownAt === null
      ? { [VALID_FROM]: { lte: asOf } }
      : { [VALID_FROM]: { lte: asOf }, [RECORDED_FROM]: { lte: knownAt } };
  }

  // A version stands at the cut when _rf ≤ knownAt < _rt, _vf ≤ asOf and (asOf < _vt or knownAt <
  // _vc): the last disjunction as two disjoint queries (the second only when knownAt is given).
  private versionWheres(): Where[] {
    const { asOf, knownAt } = this.cut;
    if (knownAt === null)
      return [{ [RETRACTED_AT]: FOREVER, [VALID_FROM]: { lte: asOf }, [VALID_TO]: { gt: asOf } }];
    const recorded = { [RECORDED_FROM]: { lte: knownAt }, [RETRACTED_AT]: { gt: knownAt } };
    return [
      { ...recorded, [VALID_FROM]: { lte: asOf }, [VALID_TO]: { gt: asOf } },
      { ...recorded, [VALID_FROM]: { lte: asOf }, [VALID_TO]: { lte: asOf }, [CUT_AT]: { gt: knownAt } },
    ];
  }

  private async versions(ref: GenerationRef, collection: string, query: Query): Promise<Doc[]> {
    const out: Doc[] = [];
    for (const cut of this.versionWheres()) {
      const rows = await this.store.find(ref, versionsOf(collection), {
        ...query,
        where: withCut(query.where, cut),
      });
      for (const row of rows as VersionRow[])
        out.push({ ...versionState(row), _id: row._of, _position: row._position } as Doc);
    }
    return out;
  }
}

// A query's terms with a cut's, the cut's _vt and _vf terms first: every versions index ends with
// _vt and _vf (version-fields.ts), and SQLite tests the terms an index entry answers before it reads
// the row only up to the first term that needs the row, in the order written. With them behind _rt,
// a query with a range on an indexed field (a window) read and parsed every version in the window,
// not only those that stood at asOf. (Which index serves a query does not depend on this order.)
function withCut(where: Query['where'], cut: Where): Where {
  const { [VALID_TO]: validTo, [VALID_FROM]: validFrom, ...rest } = cut;
  return { [VALID_TO]: validTo, [VALID_FROM]: validFrom, ...(where ?? {}), ...rest };
}

/** A serving document without its version starts. */
function strip(doc: Doc): Doc {
  const { _vf: _validFrom, _rf: _recordedFrom, ...rest } = doc;
  return rest as Doc;
}
