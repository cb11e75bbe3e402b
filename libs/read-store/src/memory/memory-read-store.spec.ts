import { describe, expect, it } from '@jest/globals';
import { readStoreContract } from '../read-store.contract.js';
import { Doc } from '../read-store.port.js';
import { MemoryReadStore } from './memory-read-store.js';

readStoreContract('memory', async () => {
  const store = new MemoryReadStore();
  return { store, dispose: () => store.close() };
});

describe('MemoryReadStore', () => {
  const ref = { projection: 'p', generation: 1 };

  it('applies nothing, not even the checkpoint, when one document of a commit cannot be stored', async () => {
    const store = new MemoryReadStore();
    const bad = { _id: 'bad', _position: 2, n: BigInt(1) } as unknown as Doc;
    const commit = store.commit(
      ref,
      [
        { op: 'put', collection: 'c', doc: { _id: 'ok', _position: 1 } },
        { op: 'put', collection: 'c', doc: bad },
      ],
      2,
    );
    await expect(commit).rejects.toThrow();
    expect(await store.get(ref, 'c', 'ok')).toBeNull();
    expect(await store.checkpoint(ref)).toBeNull();
  });
});
