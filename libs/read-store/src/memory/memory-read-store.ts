import { comparator, compareStrings, matches, orderWithTiebreak, predicates } from '../query-semantics.js';
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
  assertCollection,
  assertDoc,
  assertGenerationRef,
  assertIndexes,
  assertLimit,
  assertProjection,
  storableMeta,
} from '../validation.js';
import { GenerationGoneError } from '../read-store.errors.js';
import { MemoryLeases } from './memory-leases.js';

// Each document is kept twice: the JSON text handed back (parsed afresh, so callers may mutate
// what they get) and one private parsed copy that queries scan. Serializing on write gives the
// same round trip as the SQLite store (undefined dropped, Dates as strings) and isolates the store
// from later changes to the caller's objects.
type Stored = { json: string; doc: Doc };
type Collections = Map<string, Map<string, Stored>>;

const keyOf = (ref: GenerationRef) => `${ref.generation}:${ref.projection}`;

export class MemoryReadStore implements ReadStore {
  private readonly generations = new Map<string, Collections>();
  private readonly checkpoints = new Map<string, number>();
  private readonly registry = new Map<string, ProjectionRecord>();
  private readonly dropped = new Set<string>();
  private readonly leaseTable = new MemoryLeases();

  async ensureGeneration(ref: GenerationRef, indexes: IndexSpec[], fence?: Lease): Promise<void> {
    assertGenerationRef(ref);
    assertIndexes(indexes);
    this.leaseTable.check(fence, 'creating a generation');
    const collections = this.collections(ref, true);
    for (const spec of indexes) this.collection(collections, spec.collection);
    this.record(ref.projection);
    this.dropped.delete(keyOf(ref));
  }

  async dropGeneration(ref: GenerationRef, fence?: Lease): Promise<void> {
    assertGenerationRef(ref);
    this.leaseTable.check(fence, 'dropping a generation');
    this.dropped.add(keyOf(ref));
    this.generations.delete(keyOf(ref));
    this.checkpoints.delete(keyOf(ref));
    const record = this.registry.get(ref.projection);
    if (record?.activeGeneration === ref.generation) record.activeGeneration = null;
  }

  async commit(ref: GenerationRef, writes: Write[], checkpoint: number, fence?: Lease): Promise<void> {
    assertGenerationRef(ref);
    this.leaseTable.check(fence, 'commit');
    // Serialize everything before touching the maps: a bad document fails the whole commit.
    const prepared = writes.map((write) =>
      write.op === 'put' ? { write, stored: this.serialize(write) } : { write, stored: null },
    );
    const collections = this.collections(ref, true);
    for (const { write, stored } of prepared) {
      const docs = this.collection(collections, write.collection);
      if (write.op === 'put') docs.set(write.doc._id, stored as Stored);
      else docs.delete(write.id);
    }
    this.checkpoints.set(keyOf(ref), checkpoint);
  }

  async checkpoint(ref: GenerationRef): Promise<number | null> {
    return this.checkpoints.get(keyOf(ref)) ?? null;
  }

  async get(ref: GenerationRef, collection: string, id: string): Promise<Doc | null> {
    const stored = this.docs(ref, collection)?.get(id);
    return stored ? JSON.parse(stored.json) : null;
  }

  async getMany(ref: GenerationRef, collection: string, ids: string[]): Promise<Doc[]> {
    const docs = this.docs(ref, collection);
    if (!docs) return [];
    return [...new Set(ids)].flatMap((id) => {
      const stored = docs.get(id);
      return stored ? [JSON.parse(stored.json) as Doc] : [];
    });
  }

  async find(ref: GenerationRef, collection: string, query: Query = {}): Promise<Doc[]> {
    const where = predicates(query.where);
    const order = orderWithTiebreak(query.orderBy);
    assertLimit(query.limit);
    const found: Stored[] = [];
    for (const stored of this.docs(ref, collection)?.values() ?? []) {
      if (matches(stored.doc, where)) found.push(stored);
    }
    const compare = comparator(order);
    found.sort((a, b) => compare(a.doc, b.doc));
    const limited = query.limit === undefined ? found : found.slice(0, query.limit);
    return limited.map((stored) => JSON.parse(stored.json) as Doc);
  }

  async count(ref: GenerationRef, collection: string, where?: Query['where']): Promise<number> {
    const conditions = predicates(where);
    let n = 0;
    for (const stored of this.docs(ref, collection)?.values() ?? []) {
      if (matches(stored.doc, conditions)) n++;
    }
    return n;
  }

  async projections(): Promise<ProjectionRecord[]> {
    return [...this.registry.values()]
      .sort((a, b) => compareStrings(a.projection, b.projection))
      .map((record) => structuredClone(record));
  }

  async activate(
    projection: string,
    generation: number,
    meta: Record<string, unknown> = {},
    fence?: Lease,
  ): Promise<void> {
    assertGenerationRef({ projection, generation });
    const stored = storableMeta(meta);
    this.leaseTable.check(fence, 'activation');
    const record = this.record(projection);
    record.activeGeneration = generation;
    record.meta = { ...record.meta, ...stored };
  }

  async updateMeta(projection: string, meta: Record<string, unknown>, fence?: Lease): Promise<void> {
    assertProjection(projection);
    const stored = storableMeta(meta);
    this.leaseTable.check(fence, 'registry update');
    const record = this.record(projection);
    record.meta = { ...record.meta, ...stored };
  }

  async acquireLease(projection: string, owner: string, ttlMs: number): Promise<Lease | null> {
    return this.leaseTable.acquire(projection, owner, ttlMs);
  }

  async renewLease(lease: Lease, ttlMs: number): Promise<boolean> {
    return this.leaseTable.renew(lease, ttlMs);
  }

  async releaseLease(lease: Lease): Promise<void> {
    this.leaseTable.release(lease);
  }

  async leases(): Promise<LeaseState[]> {
    return this.leaseTable.states();
  }

  async close(): Promise<void> {}

  private serialize(write: Write & { op: 'put' }): Stored {
    assertCollection(write.collection);
    assertDoc(write.doc);
    const json = JSON.stringify(write.doc);
    return { json, doc: JSON.parse(json) };
  }

  private record(projection: string): ProjectionRecord {
    let record = this.registry.get(projection);
    if (!record) {
      record = { projection, activeGeneration: null, meta: {} };
      this.registry.set(projection, record);
    }
    return record;
  }

  private collections(ref: GenerationRef, create: true): Collections;
  private collections(ref: GenerationRef, create: false): Collections | undefined;
  private collections(ref: GenerationRef, create: boolean): Collections | undefined {
    let collections = this.generations.get(keyOf(ref));
    if (!collections && create) {
      collections = new Map();
      this.generations.set(keyOf(ref), collections);
    }
    return collections;
  }

  private collection(collections: Collections, name: string): Map<string, Stored> {
    let docs = collections.get(name);
    if (!docs) {
      docs = new Map();
      collections.set(name, docs);
    }
    return docs;
  }

  private docs(ref: GenerationRef, collection: string): Map<string, Stored> | undefined {
    if (this.dropped.has(keyOf(ref))) throw new GenerationGoneError(ref);
    return this.collections(ref, false)?.get(collection);
  }
}
