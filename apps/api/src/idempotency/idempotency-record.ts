import { assertNever } from '@sales/domain';
import type { ClaimOutcome, IdempotencyScope } from './idempotency-store.port.js';

// A key's history is a record per attempt, written only by the process that claimed it, so no
// two processes ever update the same record: claiming is an insert that a unique (scope, attempt)
// lets only one process win. That is all FerretDB 1.x makes atomic (an update there reads and
// writes without isolation), and it needs no transaction on MongoDB either.

type Claimed = { scope: IdempotencyScope; attempt: number; fingerprint: string; claimedAt: number };

export type IdempotencyRecord =
  | (Claimed & { state: 'pending'; expiresAt: number })
  | (Claimed & { state: 'completed'; status: number; body: string; settledAt: number })
  | (Claimed & { state: 'released'; settledAt: number });

export type PendingRecord = Extract<IdempotencyRecord, { state: 'pending' }>;

/** What one attempt says of the key; null: that attempt is over (it failed, or its holder died). */
export type AttemptVerdict = Exclude<ClaimOutcome, { kind: 'claimed' }> | null;

// Attempts are judged in order and the first verdict stands: a holder that was presumed dead may
// still complete its attempt after another took the key over, and then the earliest answer wins.
export function judgeAttempt(record: IdempotencyRecord, fingerprint: string, now: number): AttemptVerdict {
  switch (record.state) {
    case 'completed':
      return record.fingerprint === fingerprint
        ? { kind: 'replay', response: { status: record.status, body: record.body } }
        : { kind: 'reused' };
    case 'pending':
      return record.expiresAt > now ? { kind: 'held' } : null;
    case 'released':
      return null;
    default:
      return assertNever(record);
  }
}

export function pendingRecord(
  scope: IdempotencyScope,
  attempt: number,
  fingerprint: string,
  now: number,
  ttlMs: number,
): PendingRecord {
  return { scope, attempt, fingerprint, claimedAt: now, state: 'pending', expiresAt: now + ttlMs };
}
