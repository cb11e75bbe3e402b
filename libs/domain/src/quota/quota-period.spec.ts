import { describe, expect, it } from '@jest/globals';
import { DomainError } from '../shared/domain-error.js';
import { parseQuotaPeriod } from './quota-period.js';

const at = (date: string): string => `${date}T00:00:00.000Z`;

describe('parseQuotaPeriod', () => {
  it.each([
    ['2026-Q1', '2026-01-01', '2026-04-01'],
    ['2026-Q2', '2026-04-01', '2026-07-01'],
    ['2026-Q3', '2026-07-01', '2026-10-01'],
    ['2026-Q4', '2026-10-01', '2027-01-01'],
  ])('quarter %s runs from %s to %s', (period, from, to) => {
    expect(parseQuotaPeriod(period)).toEqual({ period, from: at(from), to: at(to) });
  });

  it.each([
    ['2026-01', '2026-01-01', '2026-02-01'],
    ['2024-02', '2024-02-01', '2024-03-01'],
    ['2026-12', '2026-12-01', '2027-01-01'],
  ])('month %s runs from %s to %s', (period, from, to) => {
    expect(parseQuotaPeriod(period)).toEqual({ period, from: at(from), to: at(to) });
  });

  it('a year runs from its 1 January to the next', () => {
    expect(parseQuotaPeriod('2026')).toEqual({
      period: '2026',
      from: at('2026-01-01'),
      to: at('2027-01-01'),
    });
  });

  it('keeps early years in their century', () => {
    expect(parseQuotaPeriod('0050-Q4')).toEqual({
      period: '0050-Q4',
      from: at('0050-10-01'),
      to: at('0051-01-01'),
    });
  });

  it.each([
    '2026-13',
    '2026-00',
    '2026-Q0',
    '2026-Q5',
    '2026-q1',
    '26',
    '2026-1',
    '2026-H1',
    '2026-01-01',
    '',
    '0000',
    '9999',
  ])('refuses %p with INVALID_PERIOD', (period) => {
    expect(() => parseQuotaPeriod(period)).toThrow(DomainError);
    expect(() => parseQuotaPeriod(period)).toThrow(expect.objectContaining({ code: 'INVALID_PERIOD' }));
  });
});
