import { MongoReadStore, type ReadStore, SqliteReadStore } from '@sales/read-store';
import { AppConfig, dataFile } from '../config/app-config.js';

// The one place that chooses where read models live: MongoDB when MONGODB_URL names it, else embedded SQLite.
export async function openReadStore(config: AppConfig): Promise<ReadStore> {
  if (config.mongodbUrl) return MongoReadStore.connect(config.mongodbUrl, config.mongodbDb);
  return new SqliteReadStore(dataFile(config, 'read-models.db'));
}
