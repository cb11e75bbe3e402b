import { setTimeout as sleep } from 'node:timers/promises';
import type { ClaimOutcome, IdempotencyScope, IdempotencyStore } from './idempotency-store.port.js';

export type WaitOptions = { waitMs: number; firstPollMs?: number; maxPollMs?: number };

// A duplicate of a request that runs elsewhere waits for it by polling the shared store: the
// holder may be another process, which can signal nothing else. Polls start fast (most commands
// take milliseconds) and back off. 'held' comes back only once `waitMs` has passed.
export async function claimOrWait(
  store: IdempotencyStore,
  scope: IdempotencyScope,
  fingerprint: string,
  { waitMs, firstPollMs = 10, maxPollMs = 200 }: WaitOptions,
): Promise<ClaimOutcome> {
  const deadline = Date.now() + waitMs;
  for (let pollMs = firstPollMs; ; pollMs = Math.min(maxPollMs, pollMs * 2)) {
    const outcome = await store.claim(scope, fingerprint);
    const left = deadline - Date.now();
    if (outcome.kind !== 'held' || left <= 0) return outcome;
    await sleep(Math.min(pollMs, left));
  }
}
