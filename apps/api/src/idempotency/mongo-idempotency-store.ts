import { Collection, Db, MongoServerError } from 'mongodb';
import { IdempotencyRecord, judgeAttempt, PendingRecord, pendingRecord } from './idempotency-record.js';
import {
  ClaimOutcome,
  DEFAULT_CLAIM_TTL_MS,
  IdempotencyClaim,
  IdempotencyScope,
  IdempotencyStore,
  IdempotencyStoreOptions,
  StoredResponse,
} from './idempotency-store.port.js';

type ClaimDoc = PendingRecord & { _id: string; kind: 'claim' };
type OutcomeDoc =
  | { _id: string; kind: 'outcome'; state: 'completed'; status: number; body: string; settledAt: number }
  | { _id: string; kind: 'outcome'; state: 'released'; settledAt: number };
type AttemptDoc = ClaimDoc | OutcomeDoc;

export const IDEMPOTENCY_COLLECTION = '_idempotency';
const DUPLICATE_KEY = 11000;
const claimId = (scope: IdempotencyScope, attempt: number) => JSON.stringify([scope, attempt]);
const outcomeId = (claim: IdempotencyClaim) => JSON.stringify([claim.scope, claim.attempt, 'outcome']);

function toRecord(claim: ClaimDoc, outcome: OutcomeDoc | undefined): IdempotencyRecord {
  const { scope, attempt, fingerprint, claimedAt } = claim;
  if (!outcome)
    return { scope, attempt, fingerprint, claimedAt, state: 'pending', expiresAt: claim.expiresAt };
  if (outcome.state === 'released')
    return { scope, attempt, fingerprint, claimedAt, state: 'released', settledAt: outcome.settledAt };
  const { status, body, settledAt } = outcome;
  return { scope, attempt, fingerprint, claimedAt, state: 'completed', status, body, settledAt };
}

// Server mode. An attempt is two documents, each inserted once and never updated: the claim
// (unique _id per scope and attempt: a duplicate means another process won it) and, when its
// holder settles it, the outcome. FerretDB 1.x updates without isolation, and looks every _id up
// by scanning its collection (the SQLite backend's _id index is on another expression than its
// queries use); inserts are atomic and checked against that index. So a command whose key is new
// costs two inserts, whatever the collection holds; only a retry or a duplicate reads.
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
      const pending = pendingRecord(scope, attempt, fingerprint, this.now(), this.ttlMs);
      if (await this.insert({ _id: claimId(scope, attempt), kind: 'claim', ...pending }))
        return { kind: 'claimed', claim: { scope, attempt } };
      const verdict = judgeAttempt(await this.read({ scope, attempt }), fingerprint, this.now());
      if (verdict) return verdict;
    }
  }

  async complete(claim: IdempotencyClaim, response: StoredResponse): Promise<void> {
    const { status, body } = response;
    const settledAt = this.now();
    await this.insert({
      _id: outcomeId(claim),
      kind: 'outcome',
      state: 'completed',
      status,
      body,
      settledAt,
    });
  }

  async release(claim: IdempotencyClaim): Promise<void> {
    await this.insert({ _id: outcomeId(claim), kind: 'outcome', state: 'released', settledAt: this.now() });
  }

  // The client belongs to the process (create-app closes it), not to this store.
  async close(): Promise<void> {}

  /** false: a document with that _id exists already. */
  private async insert(doc: AttemptDoc): Promise<boolean> {
    try {
      await this.attempts.insertOne(doc);
      return true;
    } catch (error) {
      if (error instanceof MongoServerError && error.code === DUPLICATE_KEY) return false;
      throw error;
    }
  }

  // One query for both documents: one pass over the collection on FerretDB.
  private async read(claim: IdempotencyClaim): Promise<IdempotencyRecord> {
    const ids = [claimId(claim.scope, claim.attempt), outcomeId(claim)];
    const docs = await this.attempts.find({ _id: { $in: ids } }).toArray();
    const claimDoc = docs.find((doc): doc is ClaimDoc => doc.kind === 'claim');
    if (!claimDoc) throw new Error(`idempotency claim ${ids[0]} vanished after a duplicate-key insert`);
    return toRecord(
      claimDoc,
      docs.find((doc): doc is OutcomeDoc => doc.kind === 'outcome'),
    );
  }
}
