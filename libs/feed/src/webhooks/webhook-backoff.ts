export type BackoffPolicy = { initialMs: number; maxMs: number };

// 1 s doubling to 10 min, per the contract.
export const DEFAULT_BACKOFF: BackoffPolicy = { initialMs: 1_000, maxMs: 600_000 };

// The wait before retry number `failures` (1 after the first failure). "Equal jitter": half the
// step is fixed, half random, so retries of many webhooks spread out yet the doubling still shows.
export function backoffDelay(failures: number, policy: BackoffPolicy, random: () => number): number {
  const step = Math.min(policy.maxMs, policy.initialMs * 2 ** Math.max(0, failures - 1));
  return Math.round(step / 2 + (step / 2) * random());
}
