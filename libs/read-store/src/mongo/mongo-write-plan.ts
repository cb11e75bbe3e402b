import { Collection, MongoBulkWriteError } from 'mongodb';
import { FencedError } from '../read-store.errors.js';
import { Doc, Lease, Write } from '../read-store.port.js';
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

// With a fence, every document carries the token it was written under (`_fence`), and a write
// matches only a document whose token is not newer than its own: a replacement refused by that
// filter turns into an insert of an existing _id, a duplicate key, which is how a fenced-off
// writer learns it lost the lease. Deletes are filtered alike (a refused one is silently a no-op).
// The filter is exact on MongoDB, where a single-document write is atomic. FerretDB 1.x reads,
// then writes, so a stale write can only slip in if it lands on the very document the new holder
// is writing at that instant, after the stale writer passed its lease check just before the batch.
// What it would leave is no invention: the same deterministic fold of the same events, recording
// its own `_position`, a moment older than the new holder's; the new holder's next write of that
// document replaces it, and the new holder never skips an event because of it (it skips only
// events at or below a document's `_position`, which that state has truly seen).
export const notNewer = (fence: Lease) => ({ _fence: { $not: { $gt: fence.token } } });

export async function applyWrites(
  collection: Collection<Doc>,
  writes: CollectionWrites,
  fence?: Lease,
): Promise<void> {
  const guard = fence ? notNewer(fence) : {};
  const puts = fence ? writes.puts.map((doc) => ({ ...doc, _fence: fence.token })) : writes.puts;
  if (fence) await bury(collection, writes.deletes, fence);
  else for (const ids of chunks(writes.deletes, BATCH)) await collection.deleteMany({ _id: { $in: ids } });
  for (const docs of chunks(puts, BATCH)) {
    const existing = await insertNew(collection, docs);
    for (const batch of chunks(existing, UPDATES_PER_COMMAND)) {
      const operations = batch.map((doc) => ({
        replaceOne: { filter: { _id: doc._id, ...guard }, replacement: doc, upsert: true },
      }));
      try {
        await collection.bulkWrite(operations, { ordered: true });
      } catch (error) {
        if (fence && isDuplicateKey(error)) throw new FencedError(fence, 'a newer holder wrote a document');
        throw error;
      }
    }
  }
}

/** Marks a document deleted; reads never return it (see `LIVE`). */
export const GONE = '_gone';
/** The filter every read adds: documents that are not tombstones. */
export const LIVE = { [GONE]: { $exists: false } };

// Under a fence a delete leaves a tombstone carrying the token, rather than nothing: a stale
// writer's late write of that document then meets a newer token, as any write would, instead of
// landing as a new document that nothing would ever delete again. Filtered by token like every
// replacement (a refused one is silently a no-op, as a refused delete was).
async function bury(collection: Collection<Doc>, ids: string[], fence: Lease): Promise<void> {
  for (const batch of chunks(ids, UPDATES_PER_COMMAND)) {
    const operations = batch.map((id) => ({
      replaceOne: {
        filter: { _id: id, ...notNewer(fence) },
        replacement: { _id: id, _position: -1, [GONE]: true, _fence: fence.token } as unknown as Doc,
      },
    }));
    await collection.bulkWrite(operations, { ordered: true });
  }
}

const isDuplicateKey = (error: unknown) =>
  error instanceof MongoBulkWriteError && [error.writeErrors].flat().some((e) => e.code === DUPLICATE_KEY);
