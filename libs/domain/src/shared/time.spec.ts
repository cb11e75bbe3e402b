import { describe, expect, it } from '@jest/globals';
import { DomainError } from './domain-error.js';
import { assertInOrder, assertNotInFuture, canonicalInstant, isIsoDate, parseInstant } from './time.js';

const codeOf = (run: () => unknown): string | undefined => {
  try {
    run();
    return undefined;
  } catch (error) {
    return error instanceof DomainError ? error.code : 'not a DomainError';
  }
};

const NOW = '2026-03-01T12:00:00.000Z';

describe('instants', () => {
  it.each([
    ['2026-03-01T09:30:00.000Z', '2026-03-01T09:30:00.000Z'],
    ['2026-03-01T09:30:00Z', '2026-03-01T09:30:00.000Z'],
    ['2026-03-01T09:30Z', '2026-03-01T09:30:00.000Z'],
    ['2026-03-01T10:30:00.5+01:00', '2026-03-01T09:30:00.500Z'],
    ['2024-02-29T00:00:00.000Z', '2024-02-29T00:00:00.000Z'],
  ])('canonicalises %s to %s', (input, canonical) => {
    expect(canonicalInstant('occurredAt', input)).toBe(canonical);
  });

  it.each([
    ['no zone', '2026-03-01T09:30:00'],
    ['a bare date', '2026-03-01'],
    ['a day that does not exist', '2026-02-30T00:00:00.000Z'],
    ['hour 24', '2026-03-01T24:00:00.000Z'],
    ['prose', 'March 1, 2026'],
    ['a number', 1772323200000],
  ])('refuses %s with VALIDATION_FAILED', (_label, input) => {
    expect(codeOf(() => parseInstant('occurredAt', input))).toBe('VALIDATION_FAILED');
  });

  it('checks calendar dates', () => {
    expect(isIsoDate('2026-04-30')).toBe(true);
    expect(isIsoDate('2026-04-31')).toBe(false);
    expect(isIsoDate('2023-02-29')).toBe(false);
    expect(isIsoDate('2026-4-3')).toBe(false);
  });
});

describe('business time', () => {
  it('accepts up to exactly 5 minutes after now and returns the canonical occurredAt', () => {
    expect(assertNotInFuture({ occurredAt: '2026-03-01T12:05:00Z', now: NOW })).toBe(
      '2026-03-01T12:05:00.000Z',
    );
  });

  it('refuses more than 5 minutes after now with OCCURRED_IN_FUTURE', () => {
    expect(codeOf(() => assertNotInFuture({ occurredAt: '2026-03-01T12:05:00.001Z', now: NOW }))).toBe(
      'OCCURRED_IN_FUTURE',
    );
  });

  it('accepts the past, however far', () => {
    expect(assertNotInFuture({ occurredAt: '1999-01-01T00:00:00.000Z', now: NOW })).toBe(
      '1999-01-01T00:00:00.000Z',
    );
  });

  it('allows an occurredAt equal to the latest and refuses an earlier one with OUT_OF_ORDER', () => {
    expect(() => assertInOrder(NOW, NOW)).not.toThrow();
    expect(() => assertInOrder(NOW, null)).not.toThrow();
    expect(codeOf(() => assertInOrder('2026-03-01T11:59:59.999Z', NOW))).toBe('OUT_OF_ORDER');
  });
});
