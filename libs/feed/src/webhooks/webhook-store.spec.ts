import { afterAll, beforeAll, describe } from '@jest/globals';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { MemoryReadStore, MongoReadStore, ReadStore, SqliteReadStore } from '@sales/read-store';
import { buildFerretDb, FerretDbServer, startFerretDb } from '../../../../test/ferretdb/ferretdb-server.js';
import { webhookStoreCases } from './webhook-store.contract.js';

describe('WebhookStore over the memory read store', () => {
  const store = new MemoryReadStore();
  webhookStoreCases(() => store);
});

describe('WebhookStore over the SQLite read store', () => {
  const dir = mkdtempSync(join(tmpdir(), 'sales-webhooks-'));
  const store = new SqliteReadStore(join(dir, 'read-models.db'));
  afterAll(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });
  webhookStoreCases(() => store);
});

// MongoDB: MONGODB_URL when set, else the embedded FerretDB; a missing server fails under CI or
// REQUIRE_MONGO and skips elsewhere, as in the read store's own spec.
const realServer = process.env.MONGODB_URL;
const required = Boolean(process.env.CI || process.env.REQUIRE_MONGO);
const mongoAvailable = realServer
  ? true
  : await buildFerretDb().then(
      () => true,
      (error: unknown) => {
        if (required) throw error;
        console.warn(`WebhookStore over MongoDB NOT TESTED: ${String(error)}`);
        return false;
      },
    );

(mongoAvailable ? describe : describe.skip)('WebhookStore over the MongoDB read store', () => {
  let server: FerretDbServer | undefined;
  let store: ReadStore | undefined;
  const dbName = `webhooks_test_${randomUUID().slice(0, 8)}`;
  beforeAll(async () => {
    server = realServer ? undefined : await startFerretDb();
    store = await MongoReadStore.connect(realServer ?? (server as FerretDbServer).url, dbName);
  }, 60_000);
  afterAll(async () => {
    await store?.close();
    await server?.stop();
  }, 60_000);
  webhookStoreCases(() => store as ReadStore);
});
