import { MongoClient } from 'mongodb';
import { randomUUID } from 'node:crypto';
import { useMongoServer } from '../../../../test/ferretdb/mongo-test-server.js';
import { generatedKeysContract } from './generated-keys.contract.js';
import { API_KEYS_COLLECTION, MongoGeneratedKeyStore } from './mongo-generated-keys.js';

const mongo = await useMongoServer('MongoGeneratedKeyStore');

if (mongo) {
  // A database per test, so each starts empty; a client per store, as each process has its own.
  generatedKeysContract(mongo.label, async () => {
    const dbName = `${mongo.dbName}_${randomUUID().slice(0, 6)}`;
    const clients: MongoClient[] = [];
    const db = () => mongo.client().db(dbName);
    return {
      open: () => {
        const client = new MongoClient(mongo.url(), { ignoreUndefined: true });
        clients.push(client);
        return new MongoGeneratedKeyStore(client.db(dbName));
      },
      corrupt: async (content) => {
        await db()
          .collection<{ _id: string; keys: unknown }>(API_KEYS_COLLECTION)
          .insertOne({ _id: 'generated', keys: content });
      },
      dump: async () => JSON.stringify(await db().collection(API_KEYS_COLLECTION).find({}).toArray()),
      dispose: async () => {
        await db().dropDatabase();
        await Promise.all(clients.map((client) => client.close()));
      },
    };
  });
}
