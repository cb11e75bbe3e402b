import { Doc, GenerationRef, IndexSpec, Lease } from './read-store.port.js';

// Checks every adapter makes the same way, so a bad argument fails alike on every store.

// Field names go into SQL expressions and MongoDB filters, so they are plain identifiers only.
const FIELD = /^[A-Za-z_][A-Za-z0-9_]{0,127}$/;

export function assertField(field: string): string {
  if (!FIELD.test(field)) throw new TypeError(`read-store: invalid field name ${JSON.stringify(field)}`);
  return field;
}

export function assertIndexes(indexes: IndexSpec[]): void {
  for (const spec of indexes) {
    assertCollection(spec.collection);
    spec.fields.forEach(assertField);
  }
}

export function assertProjection(projection: string): void {
  if (typeof projection !== 'string' || projection === '') {
    throw new TypeError('read-store: projection name must be a non-empty string');
  }
}

export function assertGenerationRef(ref: GenerationRef): void {
  assertProjection(ref.projection);
  if (!Number.isSafeInteger(ref.generation) || ref.generation < 0) {
    throw new TypeError(`read-store: generation must be a non-negative integer, got ${ref.generation}`);
  }
}

export function assertCollection(collection: string): void {
  if (typeof collection !== 'string' || collection === '') {
    throw new TypeError('read-store: collection name must be a non-empty string');
  }
}

export function assertDoc(doc: Doc): void {
  if (typeof doc?._id !== 'string') throw new TypeError('read-store: a document needs a string _id');
  if (!Number.isFinite(doc._position)) {
    throw new TypeError(`read-store: document ${doc._id} needs a numeric _position`);
  }
}

export function assertLimit(limit: number | undefined): void {
  if (limit !== undefined && !(Number.isSafeInteger(limit) && limit >= 0)) {
    throw new TypeError(`read-store: limit must be a non-negative integer, got ${limit}`);
  }
}

// Meta as stored: through JSON, so undefined values are left out (null is kept).
export function storableMeta(meta: Record<string, unknown>): Record<string, unknown> {
  if (typeof meta !== 'object' || meta === null || Array.isArray(meta)) {
    throw new TypeError('read-store: meta must be an object');
  }
  return JSON.parse(JSON.stringify(meta));
}

export function assertTtl(ttlMs: number): void {
  if (!(Number.isSafeInteger(ttlMs) && ttlMs > 0)) {
    throw new TypeError(`read-store: a lease's ttl must be a positive integer of ms, got ${ttlMs}`);
  }
}

export function assertLease(lease: Lease): void {
  assertProjection(lease?.projection);
  if (typeof lease.owner !== 'string' || lease.owner === '' || !Number.isSafeInteger(lease.token)) {
    throw new TypeError('read-store: a lease needs an owner and an integer token');
  }
}
