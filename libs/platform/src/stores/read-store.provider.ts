import type { MongoClient } from 'mongodb';
import { MongoReadStore, type ReadStore, SqliteReadStore } from '@sales/read-store';
import { AppConfig, dataFile } from '../config/app-config.js';

// The one place that chooses where read models live: MongoDB when MONGODB_URL names it, else embedded SQLite.
// A process that already holds a MongoClient passes it, so that it keeps one pool.
export async function openReadStore(config: AppConfig, mongo?: MongoClient | null): Promise<ReadStore> {
  if (mongo) return new MongoReadStore(mongo, config.mongodbDb);
  if (config.mongodbUrl) return MongoReadStore.connect(config.mongodbUrl, config.mongodbDb);
  return new SqliteReadStore(dataFile(config, 'read-models.db'));
}
