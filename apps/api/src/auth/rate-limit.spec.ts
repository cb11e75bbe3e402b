import { describe, expect, it } from '@jest/globals';
import { TokenBuckets } from './rate-limit.js';

describe('token buckets', () => {
  it('allows a burst of the minute’s allowance, then refills evenly', () => {
    let now = 0;
    const buckets = new TokenBuckets(60, () => now);
    for (let i = 0; i < 60; i++) expect(buckets.take('k')).toBe(0);
    expect(buckets.take('k')).toBe(1000);
    now += 500;
    expect(buckets.take('k')).toBe(500);
    now += 500;
    expect(buckets.take('k')).toBe(0);
    expect(buckets.take('k')).toBeGreaterThan(0);
    expect(buckets.take('other')).toBe(0);
    now += 10 * 60_000;
    for (let i = 0; i < 60; i++) expect(buckets.take('k')).toBe(0);
    expect(buckets.take('k')).toBeGreaterThan(0);
  });
});
