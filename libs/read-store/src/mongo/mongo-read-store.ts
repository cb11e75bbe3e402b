import { Collection, Db, MongoClient, MongoServerError, UpdateFilter } from 'mongodb';
import { collectionName, generationPrefix, shortHash } from '../physical-names.js';
import { orderWithTiebreak, predicates } from '../query-semantics.js';
import {
  Doc,
  GenerationRef,
  IndexSpec,
  Lease,
  LeaseState,
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
import { applyWrites, LIVE, notNewer, planWrites } from './mongo-write-plan.js';
import { MongoLeases } from './mongo-leases.js';
import { FencedError, GenerationGoneError } from '../read-store.errors.js';

// Works on MongoDB and on FerretDB 1.x, so it uses no transactions, change streams or aggregation
// beyond what countDocuments needs. Without transactions a commit is: the documents' writes, then
// the checkpoint; a crash in between only makes the runtime re-apply events the documents carry.

type RegistryDoc = {
  _id: string;
  kind: 'projection' | 'checkpoint' | 'dropped';
  projection: string;
  activeGeneration?: number | null;
  meta?: Record<string, unknown>;
  generation?: number;
  position?: number;
  /** The token of the last fenced write (see mongo-write-plan.ts). */
  _fence?: number;
};

const REGISTRY = '_projections';
const DUPLICATE_KEY = 11000;
const projectionId = (projection: string) => `projection:${projection}`;
const checkpointId = (ref: GenerationRef) => `checkpoint:${JSON.stringify([ref.projection, ref.generation])}`;
const droppedId = (ref: GenerationRef) => `dropped:${JSON.stringify([ref.projection, ref.generation])}`;
const withoutFence = (doc: Doc | null): Doc | null => {
  if (doc) delete doc._fence;
  return fromMongo(doc);
};
// Meta keys are encoded like document keys, so none contains a dot and `meta.<key>` is one field.
const metaPaths = (meta: Record<string, unknown>) =>
  Object.fromEntries(
    Object.entries(toMongo(storableMeta(meta))).map(([key, value]) => [`meta.${key}`, value]),
  );

export class MongoReadStore implements ReadStore {
  private readonly db: Db;
  private readonly registry: Collection<RegistryDoc>;
  private recordUpdates: Promise<unknown> = Promise.resolve();
  private readonly leaseTerms: MongoLeases;

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
    this.leaseTerms = new MongoLeases(this.db);
  }

  async ensureGeneration(ref: GenerationRef, indexes: IndexSpec[], fence?: Lease): Promise<void> {
    assertGenerationRef(ref);
    assertIndexes(indexes);
    await this.leaseTerms.check(fence, 'creating a generation');
    await this.upsertRecord(ref.projection, {
      $setOnInsert: { kind: 'projection', projection: ref.projection, activeGeneration: null, meta: {} },
    });
    await this.registry.deleteOne({ _id: droppedId(ref) });
    for (const { collection, fields } of indexes) {
      // _id closes every index, so the port's tiebreak sort is read straight off it.
      const keys = Object.fromEntries([...new Set([...fields, '_id'])].map((field) => [field, 1 as const]));
      if (Object.keys(keys).length === 1) continue; // {_id: 1} exists already
      const name = `ix_${shortHash(JSON.stringify(fields))}`;
      await this.collection(ref, collection).createIndex(keys, { name });
    }
  }

  async dropGeneration(ref: GenerationRef, fence?: Lease): Promise<void> {
    const prefix = generationPrefix(ref);
    await this.leaseTerms.check(fence, 'dropping a generation');
    // Stop serving it, mark it gone, forget its checkpoint, then drop its documents: a crash part
    // way never leaves a checkpoint whose documents are gone (leftover documents carry positions).
    await this.serially(() =>
      this.registry.updateOne(
        {
          _id: projectionId(ref.projection),
          activeGeneration: ref.generation,
          ...(fence ? notNewer(fence) : {}),
        },
        { $set: { activeGeneration: null } },
      ),
    );
    await this.upsert(droppedId(ref), {
      $setOnInsert: { kind: 'dropped', projection: ref.projection, generation: ref.generation },
    });
    await this.registry.deleteOne({ _id: checkpointId(ref) });
    const collections = await this.db.listCollections({}, { nameOnly: true }).toArray();
    for (const { name } of collections) {
      if (name.startsWith(prefix)) await this.db.dropCollection(name);
    }
  }

  // Fenced: the lease is checked before the batch, each document is written only over an older
  // token, and so is the checkpoint, last.
  async commit(ref: GenerationRef, writes: Write[], checkpoint: number, fence?: Lease): Promise<void> {
    assertGenerationRef(ref);
    const plan = planWrites(writes);
    await this.leaseTerms.check(fence, 'commit');
    for (const collectionWrites of plan) {
      await applyWrites(this.collection(ref, collectionWrites.collection), collectionWrites, fence);
    }
    await this.upsert(
      checkpointId(ref),
      {
        $set: { position: checkpoint, ...(fence ? { _fence: fence.token } : {}) },
        $setOnInsert: { kind: 'checkpoint', projection: ref.projection, generation: ref.generation },
      },
      fence,
    );
  }

  async checkpoint(ref: GenerationRef): Promise<number | null> {
    const found = await this.registry.findOne({ _id: checkpointId(ref) });
    return found?.position ?? null;
  }

  async get(ref: GenerationRef, collection: string, id: string): Promise<Doc | null> {
    return this.unlessGone(
      ref,
      withoutFence(await this.collection(ref, collection).findOne({ _id: id, ...LIVE })),
    );
  }

  async getMany(ref: GenerationRef, collection: string, ids: string[]): Promise<Doc[]> {
    const wanted = [...new Set(ids)];
    const found = await this.collection(ref, collection)
      .find({ _id: { $in: wanted }, ...LIVE })
      .toArray();
    if (found.length === 0 && wanted.length > 0) await this.unlessGone(ref, null);
    const byId = new Map(found.map((doc) => [doc._id, withoutFence(doc) as Doc]));
    return wanted.flatMap((id) => byId.get(id) ?? []);
  }

  async find(ref: GenerationRef, collection: string, query: Query = {}): Promise<Doc[]> {
    const filter = { $and: [mongoFilter(predicates(query.where)), LIVE] };
    const sort = mongoSort(orderWithTiebreak(query.orderBy));
    assertLimit(query.limit);
    // limit(0) means "no limit" to MongoDB.
    if (query.limit === 0) return [];
    const cursor = this.collection(ref, collection).find(filter, { sort });
    if (query.limit !== undefined) cursor.limit(query.limit);
    const found = (await cursor.toArray()).map((doc) => withoutFence(doc) as Doc);
    return found.length ? found : this.unlessGone(ref, found);
  }

  async count(ref: GenerationRef, collection: string, where?: Query['where']): Promise<number> {
    const n = await this.collection(ref, collection).countDocuments({
      $and: [mongoFilter(predicates(where)), LIVE],
    });
    return n ? n : this.unlessGone(ref, n);
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
  async activate(
    projection: string,
    generation: number,
    meta: Record<string, unknown> = {},
    fence?: Lease,
  ): Promise<void> {
    assertGenerationRef({ projection, generation });
    const paths = metaPaths(meta);
    const onInsert = Object.keys(paths).length ? {} : { meta: {} };
    await this.leaseTerms.check(fence, 'activation');
    await this.upsertRecord(
      projection,
      {
        $set: { activeGeneration: generation, ...paths, ...(fence ? { _fence: fence.token } : {}) },
        $setOnInsert: { kind: 'projection', projection, ...onInsert },
      },
      fence,
    );
  }

  async updateMeta(projection: string, meta: Record<string, unknown>, fence?: Lease): Promise<void> {
    assertProjection(projection);
    const paths = { ...metaPaths(meta), ...(fence ? { _fence: fence.token } : {}) };
    const onInsert = { kind: 'projection' as const, projection, activeGeneration: null };
    await this.leaseTerms.check(fence, 'registry update');
    await this.upsertRecord(
      projection,
      Object.keys(paths).length
        ? { $set: paths, $setOnInsert: onInsert }
        : { $setOnInsert: { ...onInsert, meta: {} } },
      fence,
    );
  }

  acquireLease(projection: string, owner: string, ttlMs: number): Promise<Lease | null> {
    return this.leaseTerms.acquire(projection, owner, ttlMs);
  }

  renewLease(lease: Lease, ttlMs: number): Promise<boolean> {
    return this.leaseTerms.renew(lease, ttlMs);
  }

  releaseLease(lease: Lease): Promise<void> {
    return this.leaseTerms.release(lease);
  }

  leases(): Promise<LeaseState[]> {
    return this.leaseTerms.states();
  }

  async close(): Promise<void> {
    await this.client.close();
  }

  private collection(ref: GenerationRef, collection: string): Collection<Doc> {
    return this.db.collection<Doc>(collectionName(ref, collection));
  }

  private upsertRecord(projection: string, update: UpdateFilter<RegistryDoc>, fence?: Lease): Promise<void> {
    return this.serially(() => this.upsert(projectionId(projection), update, fence));
  }

  // An empty answer from a dropped generation's (now missing) collection must not read as zeros.
  private async unlessGone<T>(ref: GenerationRef, empty: T): Promise<T> {
    if (await this.registry.findOne({ _id: droppedId(ref) }, { projection: { _id: 1 } }))
      throw new GenerationGoneError(ref);
    return empty;
  }

  private serially<T>(work: () => Promise<T>): Promise<T> {
    const result = this.recordUpdates.then(work);
    this.recordUpdates = result.catch(() => undefined);
    return result;
  }

  // Two first upserts of one _id can race to insert; the loser retries as an update. Fenced, the
  // filter refuses a record written under a newer token: that surfaces as a duplicate key too.
  private async upsert(id: string, update: UpdateFilter<RegistryDoc>, fence?: Lease): Promise<void> {
    const filter = { _id: id, ...(fence ? notNewer(fence) : {}) };
    try {
      await this.registry.updateOne(filter, update, { upsert: true });
    } catch (error) {
      if (!(error instanceof MongoServerError && error.code === DUPLICATE_KEY)) throw error;
      try {
        await this.registry.updateOne(filter, update, { upsert: true });
      } catch (again) {
        if (fence && again instanceof MongoServerError && again.code === DUPLICATE_KEY)
          throw new FencedError(fence, 'a newer holder wrote the record');
        throw again;
      }
    }
  }
}
