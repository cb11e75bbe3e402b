// Read models are documents in collections. Each projection writes into generations: a generation
// is an isolated set of its collections, built from history and then made the one that serves
// (blue/green). Every document records the position of the last event applied to it, so replaying
// an event twice is harmless even on stores without multi-document transactions.

export type Scalar = string | number | boolean | null;

export type Doc = { _id: string; _position: number } & Record<string, unknown>;

export type Condition =
  Scalar | { eq?: Scalar; ne?: Scalar; gt?: Scalar; gte?: Scalar; lt?: Scalar; lte?: Scalar; in?: Scalar[] };

export type Query = {
  /** Top-level fields only; all conditions must hold. A missing field equals null. */
  where?: Record<string, Condition>;
  /** Ties are broken by _id ascending, so paging is stable. */
  orderBy?: { field: string; direction: 'asc' | 'desc' }[];
  limit?: number;
};

export type Write =
  { op: 'put'; collection: string; doc: Doc } | { op: 'delete'; collection: string; id: string };

/** Indexes a projection declares for its collections: the fields its queries filter and sort on. */
export type IndexSpec = { collection: string; fields: string[] };

export type GenerationRef = { projection: string; generation: number };

/**
 * The right to write one projection, held by one process at a time. `token` grows by one each time
 * the lease changes hands (never on a renewal): a write carrying an older token is refused.
 */
export type Lease = { projection: string; owner: string; token: number };

/** A lease as others see it. `live`: held and not expired, judged by the store's clock. */
export type LeaseState = {
  projection: string;
  /** Null once released. */
  owner: string | null;
  token: number;
  /** Milliseconds since the epoch, in the store's clock. */
  expiresAt: number;
  live: boolean;
};

export type ProjectionRecord = {
  projection: string;
  activeGeneration: number | null;
  /** Free-form state the runtime keeps per projection (status, code version, last error…). */
  meta: Record<string, unknown>;
};

export interface ReadStore {
  /** Creates the generation's collections and indexes if missing. Idempotent. */
  ensureGeneration(ref: GenerationRef, indexes: IndexSpec[], fence?: Lease): Promise<void>;
  /** Reads of a dropped generation fail with GenerationGoneError until it is ensured again. */
  dropGeneration(ref: GenerationRef, fence?: Lease): Promise<void>;
  /**
   * Applies the writes in order, then records `checkpoint` (a global event position) for the
   * generation. Atomic where the store allows; elsewhere the checkpoint is written last, so a
   * crash in between only makes the runtime re-apply events the documents already carry.
   * With a `fence`, the commit is refused (FencedError) once the lease has passed to a newer token.
   */
  commit(ref: GenerationRef, writes: Write[], checkpoint: number, fence?: Lease): Promise<void>;
  checkpoint(ref: GenerationRef): Promise<number | null>;

  get(ref: GenerationRef, collection: string, id: string): Promise<Doc | null>;
  getMany(ref: GenerationRef, collection: string, ids: string[]): Promise<Doc[]>;
  find(ref: GenerationRef, collection: string, query?: Query): Promise<Doc[]>;
  count(ref: GenerationRef, collection: string, where?: Query['where']): Promise<number>;

  /** Registry of projections: which generation serves, plus the runtime's metadata. */
  projections(): Promise<ProjectionRecord[]>;
  /** Atomically makes `generation` the serving one (and merges `meta`). */
  activate(
    projection: string,
    generation: number,
    meta?: Record<string, unknown>,
    fence?: Lease,
  ): Promise<void>;
  updateMeta(projection: string, meta: Record<string, unknown>, fence?: Lease): Promise<void>;

  /**
   * Takes the projection's lease for `ttlMs` if nobody holds it, its holder released it or let it
   * expire; the token is then one more than the last one handed out. Null while another holds it.
   */
  acquireLease(projection: string, owner: string, ttlMs: number): Promise<Lease | null>;
  /** Extends a lease still held with that token; false once it has passed to another (or lapsed and was taken). */
  renewLease(lease: Lease, ttlMs: number): Promise<boolean>;
  /** Gives the lease up at once, if still held with that token. */
  releaseLease(lease: Lease): Promise<void>;
  leases(): Promise<LeaseState[]>;

  close(): Promise<void>;
}

export const READ_STORE = Symbol('ReadStore');
