import { Collection, Db, MongoServerError } from 'mongodb';
import { assertStoredKeys, GeneratedKeyStore, StoredKey } from './generated-keys.port.js';

type KeysDoc = { _id: string; keys: StoredKey[]; createdAt: Date };

export const API_KEYS_COLLECTION = '_api_keys';
const GENERATED = 'generated';
const DUPLICATE_KEY = 11000;

// Server mode: one document in the shared database. Whichever process starts first inserts it;
// the others lose the insert on its unique _id, read the winner's keys and print nothing.
export class MongoGeneratedKeyStore implements GeneratedKeyStore {
  private readonly collection: Collection<KeysDoc>;

  constructor(private readonly db: Db) {
    this.collection = db.collection<KeysDoc>(API_KEYS_COLLECTION);
  }

  async loadOrInsert(candidate: StoredKey[]): Promise<{ keys: StoredKey[]; inserted: boolean }> {
    const existing = await this.read();
    if (existing) return { keys: existing, inserted: false };
    try {
      await this.collection.insertOne({ _id: GENERATED, keys: candidate, createdAt: new Date() });
      return { keys: assertStoredKeys(this.where(), candidate), inserted: true };
    } catch (error) {
      if (!(error instanceof MongoServerError && error.code === DUPLICATE_KEY)) throw error;
      const winner = await this.read();
      if (!winner) throw new Error(`${this.where()} vanished after a duplicate-key insert`);
      return { keys: winner, inserted: false };
    }
  }

  private async read(): Promise<StoredKey[] | null> {
    const found = await this.collection.findOne({ _id: GENERATED });
    return found ? assertStoredKeys(this.where(), found.keys) : null;
  }

  private where(): string {
    return `${this.db.databaseName}.${API_KEYS_COLLECTION}`;
  }
}
