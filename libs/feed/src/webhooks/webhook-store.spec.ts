import { afterAll, beforeAll, describe } from '@jest/globals';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MemoryReadStore, MongoReadStore, ReadStore, SqliteReadStore } from '@sales/read-store';
import { useMongoServer } from '../../../../test/ferretdb/mongo-test-server.js';
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

// MongoDB: MONGODB_URL when set, else the embedded FerretDB; in CI a missing server fails.
const mongo = await useMongoServer('WebhookStore over MongoDB');

if (mongo) {
  describe('WebhookStore over the MongoDB read store', () => {
    let store: ReadStore | undefined;
    beforeAll(async () => {
      store = await MongoReadStore.connect(mongo.url(), mongo.dbName);
    }, 60_000);
    afterAll(async () => {
      await store?.close();
    }, 60_000);
    webhookStoreCases(() => store as ReadStore);
  });
}
