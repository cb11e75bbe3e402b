import { MongoClient } from 'mongodb';
import { AppConfig } from '../config/app-config.js';

// One MongoClient per process (it pools its own connections), shared by the read store and the
// state API processes share; null in embedded mode. The process closes it last.
export async function connectMongo(config: AppConfig): Promise<MongoClient | null> {
  if (!config.mongodbUrl) return null;
  const client = new MongoClient(config.mongodbUrl, { ignoreUndefined: true });
  await client.connect();
  return client;
}
