import { describe, expect, it } from '@jest/globals';
import { MongoClient } from 'mongodb';
import { randomUUID } from 'node:crypto';
import { useMongoServer } from '../../../../test/ferretdb/mongo-test-server.js';
import { readStoreContract } from '../read-store.contract.js';
import { MongoReadStore } from './mongo-read-store.js';
import { applyWrites } from './mongo-write-plan.js';
import { isFenced } from '../read-store.errors.js';
import type { Doc } from '../read-store.port.js';

// Runs against MONGODB_URL when set (a real MongoDB), else against the embedded FerretDB of
// test/ferretdb; in CI a missing server fails the suite (test/ferretdb/mongo-test-server.ts).
const mongo = await useMongoServer('MongoReadStore');

if (mongo) {
  const { label, dbName } = mongo;
  const url = () => mongo.url();

  readStoreContract(label, async () => {
    const store = await MongoReadStore.connect(url(), dbName);
    return { store, dispose: () => store.close() };
  });

  describe('MongoReadStore', () => {
    it('refuses, by the document filter alone, a write under an older token than the stored one', async () => {
      const client = await MongoClient.connect(url());
      try {
        const collection = client.db(dbName).collection<Doc>(`fenced_${randomUUID().slice(0, 8)}`);
        const lease = (token: number) => ({ projection: 'p', owner: `w${token}`, token });
        const plan = (id: string, v: string) => ({
          collection: 'c',
          puts: [{ _id: id, _position: 1, v }],
          deletes: [],
        });
        await applyWrites(collection, plan('a', 'old'), lease(1));
        await applyWrites(collection, plan('a', 'new'), lease(2));
        const stale = await applyWrites(collection, plan('a', 'stale'), lease(1)).catch((e: unknown) => e);
        expect(isFenced(stale)).toBe(true);
        await applyWrites(collection, { collection: 'c', puts: [], deletes: ['a'] }, lease(1));
        expect(await collection.findOne({ _id: 'a' })).toEqual({
          _id: 'a',
          _position: 1,
          v: 'new',
          _fence: 2,
        });
        await applyWrites(collection, plan('a', 'newest'), lease(3));
        expect((await collection.findOne({ _id: 'a' }))?.v).toBe('newest');
      } finally {
        await client.close();
      }
    });

    it('keeps a document deleted under a newer token from being written again by a stale holder', async () => {
      const client = await MongoClient.connect(url());
      const store = await MongoReadStore.connect(url(), dbName);
      try {
        const collection = client.db(dbName).collection<Doc>(`buried_${randomUUID().slice(0, 8)}`);
        const lease = (token: number) => ({ projection: 'p', owner: `w${token}`, token });
        const put = (v: string) => ({
          collection: 'c',
          puts: [{ _id: 'open:d1', _position: 5, v }],
          deletes: [],
        });
        const remove = { collection: 'c', puts: [], deletes: ['open:d1'] };
        await applyWrites(collection, put('open'), lease(2));
        await applyWrites(collection, remove, lease(2));
        expect(await collection.findOne({ _id: 'open:d1' })).toMatchObject({ _gone: true, _fence: 2 });
        // a holder that passed its lease check before the delete lands its write after it
        const stale = await applyWrites(collection, put('stale'), lease(1)).catch((e: unknown) => e);
        expect(isFenced(stale)).toBe(true);
        expect(await collection.findOne({ _id: 'open:d1' })).toMatchObject({ _gone: true, _fence: 2 });
        await applyWrites(collection, put('again'), lease(2));
        expect((await collection.findOne({ _id: 'open:d1' }))?.v).toBe('again');

        // reads never return a tombstone
        const ref = { projection: `buried-${randomUUID().slice(0, 8)}`, generation: 1 };
        await store.ensureGeneration(ref, []);
        const held = await store.acquireLease(ref.projection, 'w', 10_000);
        if (!held) throw new Error('no lease');
        await store.commit(
          ref,
          [{ op: 'put', collection: 'visits', doc: { _id: 'x', _position: 1 } }],
          1,
          held,
        );
        await store.commit(ref, [{ op: 'delete', collection: 'visits', id: 'x' }], 2, held);
        expect(await store.get(ref, 'visits', 'x')).toBeNull();
        expect(await store.getMany(ref, 'visits', ['x'])).toEqual([]);
        expect(await store.find(ref, 'visits')).toEqual([]);
        expect(await store.count(ref, 'visits')).toBe(0);
      } finally {
        await Promise.all([store.close(), client.close()]);
      }
    });

    it('names collections within MongoDB and FerretDB limits, with the declared indexes', async () => {
      const store = await MongoReadStore.connect(url(), dbName);
      const client = await MongoClient.connect(url());
      try {
        const ref = { projection: `names ${'x'.repeat(300)} $.`, generation: Number.MAX_SAFE_INTEGER };
        await store.ensureGeneration(ref, [{ collection: 'deals.$weird', fields: ['stage', 'closedAt'] }]);
        const names = (await client.db(dbName).listCollections({}, { nameOnly: true }).toArray()).map(
          (c) => c.name,
        );
        const created = names.filter((name) => name.startsWith('rm.names_x'));
        expect(created).toHaveLength(1);
        expect(created[0]).toMatch(/^[A-Za-z0-9_.]{1,124}$/);
        const indexes = await client.db(dbName).collection(created[0]).indexes();
        expect(indexes.map((index) => index.key)).toContainEqual({ stage: 1, closedAt: 1, _id: 1 });
        const version = mongo.ferretDbVersion();
        if (version !== null) expect(version).toMatch(/^v1\.24\./);
      } finally {
        await Promise.all([store.close(), client.close()]);
      }
    });
  });
}
