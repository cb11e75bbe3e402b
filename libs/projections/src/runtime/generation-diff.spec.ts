import { describe, expect, it } from '@jest/globals';
import { type Doc, type GenerationRef, MemoryReadStore } from '@sales/read-store';
import { counter } from './engine-test-kit.js';
import { diffGenerations, MAX_SAMPLES } from './generation-diff.js';

const serving: GenerationRef = { projection: 'counter', generation: 1 };
const candidate: GenerationRef = { projection: 'counter', generation: 2 };

async function generation(store: MemoryReadStore, ref: GenerationRef, collection: string, docs: Doc[]) {
  await store.ensureGeneration(ref, []);
  await store.commit(
    ref,
    docs.map((doc) => ({ op: 'put', collection, doc })),
    100,
  );
}

describe('the diff of a candidate generation against the serving one', () => {
  it('counts added, removed, changed and unchanged documents by their own fields, with samples', async () => {
    const store = new MemoryReadStore();
    await generation(store, serving, 'counts', [
      { _id: 'a', _position: 1, n: 1, _vf: '2026-01-01T00:00:00.000Z' },
      { _id: 'b', _position: 2, n: 2 },
      { _id: 'c', _position: 3, n: 3 },
    ]);
    await generation(store, candidate, 'counts', [
      // Only the bookkeeping differs: unchanged.
      { _id: 'a', _position: 7, n: 1, _vf: '2026-02-01T00:00:00.000Z' },
      { _id: 'b', _position: 2, n: 5 },
      { _id: 'd', _position: 4, n: 7 },
    ]);
    // History is not compared: only what a read answers now.
    await store.commit(candidate, [{ op: 'put', collection: 'counts.versions', doc: { _id: 'b|1', _position: 1 } }], 100);

    expect(await diffGenerations(store, counter, serving, candidate)).toEqual({
      serving: 1,
      candidate: 2,
      documents: { added: 1, removed: 1, changed: 1, unchanged: 1 },
      samples: [
        { key: 'counts/b', serving: { n: 2 }, candidate: { n: 5 } },
        { key: 'counts/c', serving: { n: 3 }, candidate: null },
        { key: 'counts/d', serving: null, candidate: { n: 7 } },
      ],
    });
  });

  it('pages through every document and keeps at most 20 samples', async () => {
    const store = new MemoryReadStore();
    const docs = (n: (i: number) => number) =>
      Array.from({ length: 2500 }, (_, i) => ({ _id: `k${String(i).padStart(5, '0')}`, _position: i, n: n(i) }));
    await generation(store, serving, 'counts', docs((i) => i));
    await generation(store, candidate, 'counts', docs((i) => (i % 2 === 0 ? i : -i)));

    const diff = await diffGenerations(store, counter, serving, candidate);
    expect(diff.documents).toEqual({ added: 0, removed: 0, changed: 1250, unchanged: 1250 });
    expect(diff.samples).toHaveLength(MAX_SAMPLES);
    expect(diff.samples[0]).toEqual({ key: 'counts/k00001', serving: { n: 1 }, candidate: { n: -1 } });
  });
});
