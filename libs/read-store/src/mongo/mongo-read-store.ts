import { Collection, Db, MongoClient, MongoServerError, UpdateFilter } from 'mongodb';
import { collectionName, generationPrefix, shortHash } from '../physical-names.js';
import { orderWithTiebreak, predicates } from '../query-semantics.js';
import {
  Doc,
  GenerationRef,
  IndexSpec,
  ProjectionRecord,
  Query,
  ReadStore,
  Write,
} from '../read-store.port.js';
import {
  assertGenerationRef,
  assertIndexes,
  assertLimit,
  assertProjection,
  storableMeta,
} from '../validation.js';
import { fromMongo, toMongo } from './mongo-document-codec.js';
import { mongoFilter, mongoSort } from './mongo-query.js';
import { applyWrites, planWrites } from './mongo-write-plan.js';

// Works on MongoDB and on FerretDB 1.x, so it uses no transactions, change streams or aggregation
// beyond what countDocuments needs. Without transactions a commit is: the documents' writes, then
// the checkpoint; a crash in between only makes the runtime re-apply events the documents carry.

type RegistryDoc = {
  _id: string;
  kind: 'projection' | 'checkpoint';
  projection: string;
  activeGeneration?: number | null;
  meta?: Record<string, unknown>;
  generation?: number;
  position?: number;
};

const REGISTRY = '_projections';
const DUPLICATE_KEY = 11000;
const projectionId = (projection: string) => `projection:${projection}`;
const checkpointId = (ref: GenerationRef) => `checkpoint:${JSON.stringify([ref.projection, ref.generation])}`;
// Meta keys are encoded like document keys, so none contains a dot and `meta.<key>` is one field.
const metaPaths = (meta: Record<string, unknown>) =>
  Object.fromEntries(
    Object.entries(toMongo(storableMeta(meta))).map(([key, value]) => [`meta.${key}`, value]),
  );

export class MongoReadStore implements ReadStore {
  private readonly db: Db;
  private readonly registry: Collection<RegistryDoc>;
  private recordUpdates: Promise<unknown> = Promise.resolve();

  static async connect(url: string, dbName: string): Promise<MongoReadStore> {
    const client = new MongoClient(url, { ignoreUndefined: true });
    await client.connect();
    return new MongoReadStore(client, dbName);
  }

  constructor(
    private readonly client: MongoClient,
    dbName: string,
  ) {
    this.db = client.db(dbName);
    this.registry = this.db.collection<RegistryDoc>(REGISTRY);
  }

  async ensureGeneration(ref: GenerationRef, indexes: IndexSpec[]): Promise<void> {
    assertGenerationRef(ref);
    assertIndexes(indexes);
    await this.upsertRecord(ref.projection, {
      $setOnInsert: { kind: 'projection', projection: ref.projection, activeGeneration: null, meta: {} },
    });
    for (const { collection, fields } of indexes) {
      // _id closes every index, so the port's tiebreak sort is read straight off it.
      const keys = Object.fromEntries([...new Set([...fields, '_id'])].map((field) => [field, 1 as const]));
      if (Object.keys(keys).length === 1) continue; // {_id: 1} exists already
      const name = `ix_${shortHash(JSON.stringify(fields))}`;
      await this.collection(ref, collection).createIndex(keys, { name });
    }
  }

  async dropGeneration(ref: GenerationRef): Promise<void> {
    const prefix = generationPrefix(ref);
    // Stop serving it, forget its checkpoint, then drop its documents: a crash part way never
    // leaves a checkpoint whose documents are gone (leftover documents carry their positions).
    await this.serially(() =>
      this.registry.updateOne(
        { _id: projectionId(ref.projection), activeGeneration: ref.generation },
        { $set: { activeGeneration: null } },
      ),
    );
    await this.registry.deleteOne({ _id: checkpointId(ref) });
    const collections = await this.db.listCollections({}, { nameOnly: true }).toArray();
    for (const { name } of collections) {
      if (name.startsWith(prefix)) await this.db.dropCollection(name);
    }
  }

  async commit(ref: GenerationRef, writes: Write[], checkpoint: number): Promise<void> {
    assertGenerationRef(ref);
    for (const collectionWrites of planWrites(writes)) {
      await applyWrites(this.collection(ref, collectionWrites.collection), collectionWrites);
    }
    await this.upsert(checkpointId(ref), {
      $set: { position: checkpoint },
      $setOnInsert: { kind: 'checkpoint', projection: ref.projection, generation: ref.generation },
    });
  }

  async checkpoint(ref: GenerationRef): Promise<number | null> {
    const found = await this.registry.findOne({ _id: checkpointId(ref) });
    return found?.position ?? null;
  }

  async get(ref: GenerationRef, collection: string, id: string): Promise<Doc | null> {
    return fromMongo(await this.collection(ref, collection).findOne({ _id: id }));
  }

  async getMany(ref: GenerationRef, collection: string, ids: string[]): Promise<Doc[]> {
    const wanted = [...new Set(ids)];
    const found = await this.collection(ref, collection)
      .find({ _id: { $in: wanted } })
      .toArray();
    const byId = new Map(found.map((doc) => [doc._id, fromMongo(doc)]));
    return wanted.flatMap((id) => byId.get(id) ?? []);
  }

  async find(ref: GenerationRef, collection: string, query: Query = {}): Promise<Doc[]> {
    const filter = mongoFilter(predicates(query.where));
    const sort = mongoSort(orderWithTiebreak(query.orderBy));
    assertLimit(query.limit);
    // limit(0) means "no limit" to MongoDB.
    if (query.limit === 0) return [];
    const cursor = this.collection(ref, collection).find(filter, { sort });
    if (query.limit !== undefined) cursor.limit(query.limit);
    return (await cursor.toArray()).map(fromMongo);
  }

  async count(ref: GenerationRef, collection: string, where?: Query['where']): Promise<number> {
    return this.collection(ref, collection).countDocuments(mongoFilter(predicates(where)));
  }

  async projections(): Promise<ProjectionRecord[]> {
    const found = await this.registry.find({ kind: 'projection' }).sort({ projection: 1 }).toArray();
    return found.map((doc) => ({
      projection: doc.projection,
      activeGeneration: doc.activeGeneration ?? null,
      meta: fromMongo(doc.meta ?? {}),
    }));
  }

  // One single-document update each: atomic on MongoDB. FerretDB 1.x applies an update as
  // read-modify-write, so concurrent updates of one record can lose each other's changes; this
  // store queues its own, which covers one process (the runtime's projection registry).
  async activate(projection: string, generation: number, meta: Record<string, unknown> = {}): Promise<void> {
    assertGenerationRef({ projection, generation });
    const paths = metaPaths(meta);
    const onInsert = Object.keys(paths).length ? {} : { meta: {} };
    await this.upsertRecord(projection, {
      $set: { activeGeneration: generation, ...paths },
      $setOnInsert: { kind: 'projection', projection, ...onInsert },
    });
  }

  async updateMeta(projection: string, meta: Record<string, unknown>): Promise<void> {
    assertProjection(projection);
    const paths = metaPaths(meta);
    const onInsert = { kind: 'projection' as const, projection, activeGeneration: null };
    await this.upsertRecord(
      projection,
      Object.keys(paths).length
        ? { $set: paths, $setOnInsert: onInsert }
        : { $setOnInsert: { ...onInsert, meta: {} } },
    );
  }

  async close(): Promise<void> {
    await this.client.close();
  }

  private collection(ref: GenerationRef, collection: string): Collection<Doc> {
    return this.db.collection<Doc>(collectionName(ref, collection));
  }

  private upsertRecord(projection: string, update: UpdateFilter<RegistryDoc>): Promise<void> {
    return this.serially(() => this.upsert(projectionId(projection), update));
  }

  private serially<T>(work: () => Promise<T>): Promise<T> {
    const result = this.recordUpdates.then(work);
    this.recordUpdates = result.catch(() => undefined);
    return result;
  }

  // Two first upserts of one _id can race to insert; the loser retries as an update.
  private async upsert(id: string, update: UpdateFilter<RegistryDoc>): Promise<void> {
    try {
      await this.registry.updateOne({ _id: id }, update, { upsert: true });
    } catch (error) {
      if (!(error instanceof MongoServerError && error.code === DUPLICATE_KEY)) throw error;
      await this.registry.updateOne({ _id: id }, update, { upsert: true });
    }
  }
}
