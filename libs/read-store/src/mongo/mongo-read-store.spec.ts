import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { MongoClient } from 'mongodb';
import { randomUUID } from 'node:crypto';
import { buildFerretDb, FerretDbServer, startFerretDb } from '../../../../test/ferretdb/ferretdb-server.js';
import { readStoreContract } from '../read-store.contract.js';
import { MongoReadStore } from './mongo-read-store.js';
import { applyWrites } from './mongo-write-plan.js';
import { isFenced } from '../read-store.errors.js';
import type { Doc } from '../read-store.port.js';

// Runs against MONGODB_URL when set (a real MongoDB), else against the embedded FerretDB of
// test/ferretdb. In CI (CI or REQUIRE_MONGO set) a missing server fails this suite; elsewhere it is
// skipped with a warning, so a machine without Go can still run the other tests.

const realServer = process.env.MONGODB_URL;
const required = Boolean(process.env.CI || process.env.REQUIRE_MONGO);

// Decided at load time, so that an unavailable server can skip the suite instead of failing
// every test. CI pre-builds the binary (test/ferretdb/build.sh); otherwise the first build, about
// a minute, happens here.
async function ferretDbAvailable(): Promise<boolean> {
  if (realServer) return true;
  try {
    await buildFerretDb();
    return true;
  } catch (error) {
    if (required) throw error;
    console.warn(
      `\n!!! MongoReadStore NOT TESTED: no MONGODB_URL and FerretDB could not be built.\n${String(error)}\n`,
    );
    return false;
  }
}

if (await ferretDbAvailable()) {
  let server: FerretDbServer | undefined;
  let url: string;
  const label = realServer ? 'mongo (MONGODB_URL)' : 'mongo (FerretDB)';
  // A database per run: a real server may be shared, and is left as it was found.
  const dbName = `read_store_test_${randomUUID().slice(0, 8)}`;

  beforeAll(async () => {
    if (realServer) {
      url = realServer;
    } else {
      server = await startFerretDb();
      url = server.url;
    }
  }, 60_000);
  afterAll(async () => {
    if (url) {
      const client = await MongoClient.connect(url);
      await client.db(dbName).dropDatabase();
      await client.close();
    }
    await server?.stop();
  }, 60_000);

  readStoreContract(label, async () => {
    const store = await MongoReadStore.connect(url, dbName);
    return { store, dispose: () => store.close() };
  });

  describe('MongoReadStore', () => {
    it('refuses, by the document filter alone, a write under an older token than the stored one', async () => {
      const client = await MongoClient.connect(url);
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

    it('names collections within MongoDB and FerretDB limits, with the declared indexes', async () => {
      const store = await MongoReadStore.connect(url, dbName);
      const client = await MongoClient.connect(url);
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
        if (server) expect(server.version).toMatch(/^v1\.24\./);
      } finally {
        await Promise.all([store.close(), client.close()]);
      }
    });
  });
} else {
  describe.skip('MongoReadStore (no MONGODB_URL, FerretDB unavailable)', () => {
    it('needs MONGODB_URL or a Go toolchain', () => {});
  });
}
