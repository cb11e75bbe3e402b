import { describe, expect, it } from '@jest/globals';
import { backoffDelay, DEFAULT_BACKOFF } from './webhook-backoff.js';

describe('webhook backoff', () => {
  const steps = Array.from({ length: 14 }, (_, i) => i + 1);

  it('doubles from 1 s and stops at 10 min (jitter at its top)', () => {
    expect(steps.map((n) => backoffDelay(n, DEFAULT_BACKOFF, () => 1))).toEqual([
      1_000, 2_000, 4_000, 8_000, 16_000, 32_000, 64_000, 128_000, 256_000, 512_000, 600_000, 600_000,
      600_000, 600_000,
    ]);
  });

  it('jitters within the upper half of each step', () => {
    expect(backoffDelay(1, DEFAULT_BACKOFF, () => 0)).toBe(500);
    expect(backoffDelay(3, DEFAULT_BACKOFF, () => 0.5)).toBe(3_000);
    expect(backoffDelay(40, DEFAULT_BACKOFF, () => 0)).toBe(300_000);
  });

  it('follows a shorter cap when one is configured', () => {
    expect(steps.slice(0, 4).map((n) => backoffDelay(n, { initialMs: 100, maxMs: 300 }, () => 1))).toEqual([
      100, 200, 300, 300,
    ]);
  });
});
