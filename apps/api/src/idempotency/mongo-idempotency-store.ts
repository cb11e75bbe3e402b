import { Collection, Db, MongoServerError } from 'mongodb';
import { IdempotencyRecord, judgeAttempt, pendingRecord } from './idempotency-record.js';
import {
  ClaimOutcome,
  DEFAULT_CLAIM_TTL_MS,
  IdempotencyClaim,
  IdempotencyScope,
  IdempotencyStore,
  IdempotencyStoreOptions,
  StoredResponse,
} from './idempotency-store.port.js';

type AttemptDoc = IdempotencyRecord & { _id: string };

export const IDEMPOTENCY_COLLECTION = '_idempotency';
const DUPLICATE_KEY = 11000;
const attemptId = (scope: IdempotencyScope, attempt: number) => JSON.stringify([scope, attempt]);

// Server mode: one document per attempt, keyed by (scope, attempt) in _id. Every read and write
// names exactly one _id, the only filter FerretDB 1.x answers from its index rather than by
// scanning the collection, and the only writes are an insert (the claim: a duplicate _id means
// another process won it) and its holder's own update when it settles.
export class MongoIdempotencyStore implements IdempotencyStore {
  private readonly attempts: Collection<AttemptDoc>;
  private readonly ttlMs: number;
  private readonly now: () => number;

  constructor(db: Db, options: IdempotencyStoreOptions = {}) {
    this.attempts = db.collection<AttemptDoc>(IDEMPOTENCY_COLLECTION);
    this.ttlMs = options.claimTtlMs ?? DEFAULT_CLAIM_TTL_MS;
    this.now = options.now ?? Date.now;
  }

  async claim(scope: IdempotencyScope, fingerprint: string): Promise<ClaimOutcome> {
    for (let attempt = 0; ; attempt++) {
      const _id = attemptId(scope, attempt);
      const found =
        (await this.attempts.findOne({ _id })) ?? (await this.insert(_id, scope, attempt, fingerprint));
      if (found === 'inserted') return { kind: 'claimed', claim: { scope, attempt } };
      const verdict = judgeAttempt(found, fingerprint, this.now());
      if (verdict) return verdict;
    }
  }

  async complete(claim: IdempotencyClaim, response: StoredResponse): Promise<void> {
    await this.settle(claim, { state: 'completed', status: response.status, body: response.body });
  }

  async release(claim: IdempotencyClaim): Promise<void> {
    await this.settle(claim, { state: 'released' });
  }

  // The client belongs to the process (create-app closes it), not to this store.
  async close(): Promise<void> {}

  /** 'inserted', or the attempt another process inserted first. */
  private async insert(
    _id: string,
    scope: IdempotencyScope,
    attempt: number,
    fingerprint: string,
  ): Promise<'inserted' | AttemptDoc> {
    try {
      await this.attempts.insertOne({
        _id,
        ...pendingRecord(scope, attempt, fingerprint, this.now(), this.ttlMs),
      });
      return 'inserted';
    } catch (error) {
      if (!(error instanceof MongoServerError && error.code === DUPLICATE_KEY)) throw error;
      const winner = await this.attempts.findOne({ _id });
      if (!winner) throw new Error(`idempotency attempt ${_id} vanished after a duplicate-key insert`);
      return winner;
    }
  }

  // Only the holder writes its attempt, so this plain update by _id races with nobody.
  private async settle(claim: IdempotencyClaim, fields: Record<string, unknown>): Promise<void> {
    await this.attempts.updateOne(
      { _id: attemptId(claim.scope, claim.attempt) },
      { $set: { ...fields, settledAt: this.now() }, $unset: { expiresAt: '' } },
    );
  }
}
