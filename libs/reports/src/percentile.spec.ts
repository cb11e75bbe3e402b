import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { ascending, percentile, percentileOf } from './percentile.js';

// −0 and 0 are the same percentile; a sort and a selection may place them differently.
const plain = (x: number | null) => (x === null ? null : x + 0);

describe('percentiles', () => {
  it('interpolate linearly between the closest ranks, as numpy does', () => {
    expect(percentile(ascending([4, 1, 3, 2]), 0.8)).toBe(3.4000000000000004);
    expect(percentile([], 0.5)).toBeNull();
    expect(percentileOf([4, 1, 3, 2], 0.8)).toBe(3.4000000000000004);
    expect(percentileOf([7], 0.8)).toBe(7);
    expect(percentileOf([], 0.8)).toBeNull();
  });

  it('are the same whether the values are sorted first or only the two ranks are selected', () => {
    const values = fc.array(
      fc.oneof(
        fc.double({ min: -1e6, max: 1e6, noNaN: true, noDefaultInfinity: true }),
        fc.integer({ min: 0, max: 5 }),
      ),
      { maxLength: 300 },
    );
    fc.assert(
      fc.property(values, fc.double({ min: 0, max: 1, noNaN: true }), (xs, p) => {
        expect(plain(percentileOf(xs, p))).toBe(plain(percentile(ascending(xs), p)));
      }),
      { numRuns: 2000 },
    );
  });
});
