import { isDeepStrictEqual } from 'node:util';
import type { Doc, GenerationRef, ReadStore } from '@sales/read-store';
import { stateOf } from '../temporal/version-fields.js';
import type { Projection } from './projection.js';

export type DiffSample = {
  /** `<collection>/<id>` */
  key: string;
  serving: Record<string, unknown> | null;
  candidate: Record<string, unknown> | null;
};

export type GenerationDiff = {
  serving: number;
  candidate: number;
  documents: { added: number; removed: number; changed: number; unchanged: number };
  samples: DiffSample[];
};

const PAGE = 1000;
export const MAX_SAMPLES = 20;

// Every document of `from`, a page at a time in id order.
async function* pages(store: ReadStore, ref: GenerationRef, collection: string): AsyncGenerator<Doc[]> {
  let after: string | null = null;
  for (;;) {
    const page = await store.find(ref, collection, {
      where: after === null ? {} : { _id: { gt: after } },
      orderBy: [{ field: '_id', direction: 'asc' }],
      limit: PAGE,
    });
    if (page.length > 0) yield page;
    if (page.length < PAGE) return;
    after = page[page.length - 1]._id;
  }
}

// Compares the serving documents of every collection of a projection in two generations (the
// `.versions` beside them are history, not what a read now answers): a document is added, removed,
// changed or unchanged by its own fields; the bookkeeping (_position, the version starts) is left
// out. Samples are the first differences met, collection by collection in id order.
export async function diffGenerations(
  store: ReadStore,
  projection: Projection,
  serving: GenerationRef,
  candidate: GenerationRef,
): Promise<GenerationDiff> {
  const documents = { added: 0, removed: 0, changed: 0, unchanged: 0 };
  const samples: DiffSample[] = [];
  const sample = (s: DiffSample) => samples.length < MAX_SAMPLES && samples.push(s);
  for (const collection of projection.collections) {
    for await (const page of pages(store, serving, collection)) {
      const others = new Map(
        (await store.getMany(candidate, collection, page.map((d) => d._id))).map((d) => [d._id, d]),
      );
      for (const doc of page) {
        const key = `${collection}/${doc._id}`;
        const other = others.get(doc._id);
        const before = stateOf(doc);
        if (!other) {
          documents.removed++;
          sample({ key, serving: before, candidate: null });
          continue;
        }
        const after = stateOf(other);
        if (isDeepStrictEqual(before, after)) documents.unchanged++;
        else {
          documents.changed++;
          sample({ key, serving: before, candidate: after });
        }
      }
    }
    for await (const page of pages(store, candidate, collection)) {
      const known = new Set(
        (await store.getMany(serving, collection, page.map((d) => d._id))).map((d) => d._id),
      );
      for (const doc of page.filter((d) => !known.has(d._id))) {
        documents.added++;
        sample({ key: `${collection}/${doc._id}`, serving: null, candidate: stateOf(doc) });
      }
    }
  }
  return { serving: serving.generation, candidate: candidate.generation, documents, samples };
}
