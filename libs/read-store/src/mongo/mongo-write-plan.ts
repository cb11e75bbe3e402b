import { Collection, MongoBulkWriteError } from 'mongodb';
import { Doc, Write } from '../read-store.port.js';
import { assertCollection, assertDoc } from '../validation.js';
import { toMongo } from './mongo-document-codec.js';

// Documents per insert or delete command.
const BATCH = 1000;
// FerretDB 1.x keeps a pooled SQLite connection per matched document until an update command ends,
// and hangs for good once its pool of 100 is exhausted; commands of 50 stay well clear of that.
const UPDATES_PER_COMMAND = 50;
const DUPLICATE_KEY = 11000;

export type CollectionWrites = { collection: string; puts: Doc[]; deletes: string[] };

// Without transactions only the end state of a commit matters (a crash leaves some documents
// written, each carrying its own position, and no checkpoint), so each document gets only its last
// write: a counter updated by every event of a batch is written once, not once per event. The
// puts and deletes left then touch distinct documents and can go in any order.
export function planWrites(writes: Write[]): CollectionWrites[] {
  const byCollection = new Map<string, Map<string, Doc | null>>();
  for (const write of writes) {
    assertCollection(write.collection);
    if (write.op === 'put') assertDoc(write.doc);
    let latest = byCollection.get(write.collection);
    if (!latest) byCollection.set(write.collection, (latest = new Map()));
    const id = write.op === 'put' ? write.doc._id : write.id;
    latest.delete(id);
    latest.set(id, write.op === 'put' ? toMongo(write.doc) : null);
  }
  return [...byCollection].map(([collection, latest]) => {
    const entries = [...latest];
    return {
      collection,
      puts: entries.flatMap(([, doc]) => (doc ? [doc] : [])),
      deletes: entries.flatMap(([id, doc]) => (doc ? [] : [id])),
    };
  });
}

function chunks<T>(items: T[], size: number): T[][] {
  const result: T[][] = [];
  for (let i = 0; i < items.length; i += size) result.push(items.slice(i, i + size));
  return result;
}

// Inserts what is new; returns the documents that exist already. One insert command is far cheaper
// than an upsert per document (on FerretDB each upsert scans the collection).
async function insertNew(collection: Collection<Doc>, docs: Doc[]): Promise<Doc[]> {
  try {
    await collection.insertMany(docs, { ordered: false });
    return [];
  } catch (error) {
    if (!(error instanceof MongoBulkWriteError)) throw error;
    const failures = [error.writeErrors].flat();
    if (failures.some((failure) => failure.code !== DUPLICATE_KEY)) throw error;
    return failures.map((failure) => docs[failure.index]);
  }
}

export async function applyWrites(collection: Collection<Doc>, writes: CollectionWrites): Promise<void> {
  for (const ids of chunks(writes.deletes, BATCH)) await collection.deleteMany({ _id: { $in: ids } });
  for (const docs of chunks(writes.puts, BATCH)) {
    const existing = await insertNew(collection, docs);
    for (const batch of chunks(existing, UPDATES_PER_COMMAND)) {
      const operations = batch.map((doc) => ({
        replaceOne: { filter: { _id: doc._id }, replacement: doc, upsert: true },
      }));
      await collection.bulkWrite(operations, { ordered: true });
    }
  }
}
