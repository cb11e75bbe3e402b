import { describe, expect, it } from '@jest/globals';
import { MongoClient } from 'mongodb';
import { randomUUID } from 'node:crypto';
import { useMongoServer } from '../../../../test/ferretdb/mongo-test-server.js';
import { idempotencyStoreContract } from './idempotency-store.contract.js';
import { IDEMPOTENCY_COLLECTION, MongoIdempotencyStore } from './mongo-idempotency-store.js';

const mongo = await useMongoServer('MongoIdempotencyStore');

if (mongo) {
  // A database per test, so each starts empty; a client per store, as each process has its own.
  idempotencyStoreContract(mongo.label, async () => {
    const dbName = `${mongo.dbName}_${randomUUID().slice(0, 6)}`;
    const clients: MongoClient[] = [];
    return {
      open: async (options) => {
        const client = await MongoClient.connect(mongo.url(), { ignoreUndefined: true });
        clients.push(client);
        return new MongoIdempotencyStore(client.db(dbName), options);
      },
      dispose: async () => {
        await mongo.client().db(dbName).dropDatabase();
        await Promise.all(clients.map((client) => client.close()));
      },
    };
  });

  describe('MongoIdempotencyStore', () => {
    it('keeps an attempt as a claim and an outcome, each keyed by scope and attempt, never updated', async () => {
      const db = mongo.client().db(mongo.dbName);
      const store = new MongoIdempotencyStore(db);
      const outcome = await store.claim('svc\nk', 'fp-1');
      if (outcome.kind !== 'claimed') throw new Error(outcome.kind);
      await store.complete(outcome.claim, { status: 201, body: '{"id":"x"}' });
      await store.complete(outcome.claim, { status: 201, body: '{"id":"other"}' });
      const docs = await db.collection(IDEMPOTENCY_COLLECTION).find({}).sort({ kind: 1 }).toArray();
      expect(docs).toEqual([
        expect.objectContaining({
          _id: JSON.stringify(['svc\nk', 0]),
          kind: 'claim',
          scope: 'svc\nk',
          attempt: 0,
          fingerprint: 'fp-1',
          state: 'pending',
        }),
        expect.objectContaining({
          _id: JSON.stringify(['svc\nk', 0, 'outcome']),
          kind: 'outcome',
          state: 'completed',
          status: 201,
          body: '{"id":"x"}',
        }),
      ]);
      expect(await store.claim('svc\nk', 'fp-1')).toEqual({
        kind: 'replay',
        response: { status: 201, body: '{"id":"x"}' },
      });
    });
  });
}
