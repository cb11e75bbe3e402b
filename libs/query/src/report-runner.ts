import {
  ALL_PROJECTIONS,
  type DocReader,
  type GenerationChoice,
  selfCutOf,
  type TimeCut,
  TimeCutReads,
} from '@sales/projections';
import type { GenerationRef, ReadStore } from '@sales/read-store';
import { REPORT_LOADERS } from './loaders/index.js';
import { Lru } from './lru.js';
import { echoedParams, type ReportRequest, withDefaults } from './report-params.js';
import type { ReportReads } from './report-reads.js';

const SELF_CUT = selfCutOf(ALL_PROJECTIONS);

// Where the live read models are: the serving generation of a projection, once it has processed
// `minPosition` (read-your-writes); and the candidate generation built beside it (a rebuild with
// promote=manual), null where there is none.
export interface LiveReadModels {
  readonly store: ReadStore;
  serving(projection: string, minPosition: number | null): Promise<GenerationRef>;
  candidate?(projection: string, minPosition: number | null): Promise<GenerationRef | null>;
}

export type ReportResponse = Record<string, unknown> & { report: string; position: number };

export type ReportRunnerOptions = { results?: number };

// Runs a report on the read models: live, or as of a time cut — a past business time (asOf) and
// what had been recorded by then (knownAt) — read from the versions the projections keep beside
// every document, through the same indexes (TimeCutReads): no replay, whatever the date. Then the
// same loader and report function. With generation=candidate, each projection is read from its
// candidate where it has one (its serving generation elsewhere). Results are cached per (report, parameters, time cut, serving
// generations and their checkpoints): a result is reused until a read model moves on.
export class ReportRunner {
  private readonly results: Lru<Promise<ReportResponse>>;

  constructor(
    private readonly live: LiveReadModels,
    private readonly now: () => Date,
    options: ReportRunnerOptions = {},
  ) {
    this.results = new Lru(options.results ?? 256);
  }

  run(request: ReportRequest): Promise<ReportResponse> {
    const { asOf, knownAt } = request.params;
    const cut = this.cutOf(asOf, knownAt);
    return this.cached(request, cut, request.generation ?? 'serving', (reads, position) =>
      this.compute(request, cut?.asOf ?? this.nowIso(), reads, position),
    );
  }

  /** The time cut a read needs, or null for the live read models (no asOf in the past, no knownAt). */
  cutOf(asOf: string | null, knownAt: string | null = null): TimeCut | null {
    const now = this.nowIso();
    const past = asOf !== null && asOf < now;
    if (!past && knownAt === null) return null;
    return { asOf: asOf ?? now, knownAt };
  }

  private nowIso(): string {
    return this.now().toISOString();
  }

  /**
   * Runs `read` on the named read models, live or as of `cut`, once they have processed
   * `minPosition`; `position` is how far all of them have got.
   */
  async readAt<T>(
    cut: TimeCut | null,
    projections: readonly string[],
    minPosition: number | null,
    read: (reads: ReportReads, position: number) => Promise<T>,
  ): Promise<T> {
    const { refs, checkpoints } = await this.refsOf(projections, minPosition, 'serving');
    return read(this.readsOf(cut, refs), Math.min(...checkpoints.map((c) => c ?? 0)));
  }

  private async refsOf(
    projections: readonly string[],
    minPosition: number | null,
    generation: GenerationChoice,
  ) {
    const refs = new Map<string, GenerationRef>();
    for (const projection of projections) {
      const candidate =
        generation === 'candidate' ? await this.live.candidate?.(projection, minPosition) : null;
      refs.set(projection, candidate ?? (await this.live.serving(projection, minPosition)));
    }
    // Read before the rows: the rows are at least this far along.
    const checkpoints = await Promise.all([...refs.values()].map((ref) => this.live.store.checkpoint(ref)));
    return { refs, checkpoints };
  }

  private readsOf(cut: TimeCut | null, refs: Map<string, GenerationRef>): ReportReads {
    const store: DocReader = cut ? new TimeCutReads(this.live.store, cut, SELF_CUT) : this.live.store;
    return {
      store,
      ref: (p) => refs.get(p) as GenerationRef,
      at: (asOf) => this.readsOf({ asOf, knownAt: cut?.knownAt ?? null }, refs),
    };
  }

  private async compute(request: ReportRequest, asOf: string, reads: ReportReads, position: number) {
    const params = withDefaults(request.name, request.params);
    const figures = await REPORT_LOADERS[request.name].load(reads, { ...params, asOf });
    return {
      ...echoedParams(request.name, params, asOf, request.minPosition),
      position,
      ...figures,
    } as ReportResponse;
  }

  private async cached(
    request: ReportRequest,
    cut: TimeCut | null,
    generation: GenerationChoice,
    compute: (reads: ReportReads, position: number) => Promise<ReportResponse>,
  ): Promise<ReportResponse> {
    const { refs, checkpoints } = await this.refsOf(
      REPORT_LOADERS[request.name].projections,
      request.minPosition,
      generation,
    );
    const key = JSON.stringify([
      request.name,
      withDefaults(request.name, request.params),
      cut ?? this.nowIso(),
      request.minPosition,
      [...refs.values()].map((r) => r.generation),
      checkpoints,
    ]);
    const hit = this.results.get(key);
    if (hit) return hit;
    const result = compute(this.readsOf(cut, refs), Math.min(...checkpoints.map((c) => c ?? 0)));
    this.results.set(key, result);
    result.catch(() => this.results.delete(key));
    return result;
  }
}
