import { describe, expect, it } from '@jest/globals';
import { type GenerationRef, MemoryReadStore } from '@sales/read-store';
import { servingRetryStore } from './serving-retry-store.js';

describe('reads through the serving-retry store', () => {
  const one: GenerationRef = { projection: 'deals', generation: 1 };
  const two: GenerationRef = { projection: 'deals', generation: 2 };

  const swapped = async () => {
    const store = new MemoryReadStore();
    await store.commit(
      one,
      [{ op: 'put', collection: 'deals', doc: { _id: 'a', _position: 1, v: 'old' } }],
      1,
    );
    await store.commit(
      two,
      [{ op: 'put', collection: 'deals', doc: { _id: 'a', _position: 1, v: 'new' } }],
      1,
    );
    await store.activate('deals', 2);
    // The swap's drop of the old generation, between a query picking it and reading it.
    await store.dropGeneration(one);
    return store;
  };

  it('reads the generation serving now when the one picked was dropped meanwhile', async () => {
    const asked: string[] = [];
    const store = servingRetryStore(await swapped(), async (projection) => {
      asked.push(projection);
      return two;
    });
    expect(await store.get(one, 'deals', 'a')).toMatchObject({ v: 'new' });
    expect(await store.find(one, 'deals')).toHaveLength(1);
    expect(await store.count(one, 'deals')).toBe(1);
    expect(await store.getMany(one, 'deals', ['a'])).toHaveLength(1);
    expect(asked).toEqual(['deals', 'deals', 'deals', 'deals']);
    // Reads of a generation still there go straight through.
    expect(await store.get(two, 'deals', 'a')).toMatchObject({ v: 'new' });
    expect(asked).toHaveLength(4);
  });

  it('answers 503 SERVICE_UNAVAILABLE, not zeros, when no other generation serves', async () => {
    const store = servingRetryStore(await swapped(), async () => one);
    await expect(store.count(one, 'deals')).rejects.toMatchObject({ code: 'SERVICE_UNAVAILABLE' });
  });
});
