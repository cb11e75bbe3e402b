// Idempotency records are shared by every API process that serves the same stores: a retry that a
// load balancer sends elsewhere must find the first response, and a duplicate that arrives while
// the first still runs must not run too. Each key is claimed before its command runs.

/** Who sent it (API key name) and the Idempotency-Key it carried. */
export type IdempotencyScope = string;

/** One run of a command under a key; `attempt` counts the claims made on that key so far. */
export type IdempotencyClaim = { scope: IdempotencyScope; attempt: number };

export type StoredResponse = { status: number; body: string };

export type ClaimOutcome =
  /** nobody ran this key, or the runs before failed or died: run the command, then settle the claim */
  | { kind: 'claimed'; claim: IdempotencyClaim }
  /** it ran with the same request: answer as it did */
  | { kind: 'replay'; response: StoredResponse }
  /** it ran with another request */
  | { kind: 'reused' }
  /** another request runs it now (in this process or another) */
  | { kind: 'held' };

export type IdempotencyStoreOptions = {
  /** how long a claim blocks the key when its holder never settles it (a process that died) */
  claimTtlMs?: number;
  now?: () => number;
};

export const DEFAULT_CLAIM_TTL_MS = 30_000;

export interface IdempotencyStore {
  /** Atomically: the first response, or the key for this caller, or word that someone holds it. */
  claim(scope: IdempotencyScope, fingerprint: string): Promise<ClaimOutcome>;
  /** The command succeeded: later claims replay `response`. */
  complete(claim: IdempotencyClaim, response: StoredResponse): Promise<void>;
  /** The command failed: the key is free again, a retry runs it anew. */
  release(claim: IdempotencyClaim): Promise<void>;
  close(): Promise<void>;
}
