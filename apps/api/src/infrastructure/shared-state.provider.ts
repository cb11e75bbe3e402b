import type { MongoClient } from 'mongodb';
import { AppConfig, dataFile } from '@sales/platform';
import { FileGeneratedKeyStore } from '../auth/file-generated-keys.js';
import type { GeneratedKeyStore } from '../auth/generated-keys.port.js';
import { MongoGeneratedKeyStore } from '../auth/mongo-generated-keys.js';
import type { IdempotencyStore } from '../idempotency/idempotency-store.port.js';
import { MongoIdempotencyStore } from '../idempotency/mongo-idempotency-store.js';
import { SqliteIdempotencyStore } from '../idempotency/sqlite-idempotency-store.js';

export type SharedState = { idempotency: IdempotencyStore; generatedKeys: GeneratedKeyStore };

// The one place that chooses where API processes keep what they must agree on: in MongoDB beside
// the read models when MONGODB_URL names it (any number of processes, any machines), else in the
// data directory (processes on one machine).
export function openSharedState(config: AppConfig, mongo: MongoClient | null): SharedState {
  if (mongo) {
    const db = mongo.db(config.mongodbDb);
    return { idempotency: new MongoIdempotencyStore(db), generatedKeys: new MongoGeneratedKeyStore(db) };
  }
  return {
    idempotency: new SqliteIdempotencyStore(dataFile(config, 'idempotency.db')),
    generatedKeys: new FileGeneratedKeyStore(dataFile(config, 'api-keys.json')),
  };
}
