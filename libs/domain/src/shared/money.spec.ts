import { describe, expect, it } from '@jest/globals';
import { DomainError } from './domain-error.js';
import { fromMinorUnits, requireAmountMinor, toMinorUnits } from './money.js';

const codeOf = (run: () => unknown): string | undefined => {
  try {
    run();
    return undefined;
  } catch (error) {
    return error instanceof DomainError ? error.code : 'not a DomainError';
  }
};

describe('toMinorUnits', () => {
  it.each([
    [0, 0],
    [1, 100],
    [0.1, 10],
    [0.2, 20],
    [0.29, 29],
    [0.57, 57],
    [1.1, 110],
    [19.99, 1999],
    [4.35, 435],
    [1e9, 100_000_000_000],
    [1234567.89, 123456789],
    [9_999_999_999.99, 999_999_999_999],
  ])('%p → %p minor units', (amount, minor) => {
    expect(toMinorUnits(amount)).toBe(minor);
  });

  it('sums in minor units where floats would not add up', () => {
    expect(0.1 + 0.2).not.toBe(0.3);
    expect(fromMinorUnits(toMinorUnits(0.1) + toMinorUnits(0.2))).toBe(0.3);
  });

  it.each([
    ['more than 2 decimals', 1.005],
    ['a float sum with 17 decimals', 0.1 + 0.2],
    ['a tiny fraction', 1e-7],
    ['negative', -1],
    ['NaN', Number.NaN],
    ['infinite', Number.POSITIVE_INFINITY],
    ['beyond safe integers', 1e21],
    ['just beyond safe integers', 90_071_992_547_409.92],
  ])('refuses %s with INVALID_AMOUNT', (_label, amount) => {
    expect(codeOf(() => toMinorUnits(amount))).toBe('INVALID_AMOUNT');
  });

  it('treats -0 as 0', () => {
    expect(toMinorUnits(-0)).toBe(0);
  });
});

describe('fromMinorUnits', () => {
  it.each([
    [0, 0],
    [1999, 19.99],
    [30, 0.3],
    [100_000_000_000, 1e9],
    [5, 0.05],
    [-1999, -19.99],
  ])('%p minor units → %p', (minor, amount) => {
    expect(fromMinorUnits(minor)).toBe(amount);
  });

  it('rounds fractional minor units (weighted amounts) half away from zero to 2 decimals', () => {
    expect(fromMinorUnits(999.5)).toBe(10);
    expect(fromMinorUnits(1234.4)).toBe(12.34);
    expect(fromMinorUnits(-999.5)).toBe(-10);
    expect(Object.is(fromMinorUnits(-0.2), 0)).toBe(true);
  });

  it('round-trips every 2-decimal amount it produces', () => {
    for (let minor = 0; minor < 20_000; minor += 7) expect(toMinorUnits(fromMinorUnits(minor))).toBe(minor);
  });

  it('refuses non-finite input', () => {
    expect(codeOf(() => fromMinorUnits(Number.NaN))).toBe('INVALID_AMOUNT');
  });
});

describe('requireAmountMinor', () => {
  it('accepts non-negative safe integers and refuses the rest', () => {
    expect(requireAmountMinor('amountMinor', 1999)).toBe(1999);
    expect(codeOf(() => requireAmountMinor('amountMinor', 19.5))).toBe('INVALID_AMOUNT');
    expect(codeOf(() => requireAmountMinor('amountMinor', -1))).toBe('INVALID_AMOUNT');
    expect(codeOf(() => requireAmountMinor('amountMinor', 2 ** 53))).toBe('INVALID_AMOUNT');
  });
});
