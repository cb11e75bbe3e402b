import { DomainError } from '../shared/domain-error.js';

export type QuotaPeriod = { period: string; from: string; to: string };

const PERIOD = /^(\d{4})(?:-(?:(\d{2})|Q([1-4])))?$/;

const pad = (value: number, length: number): string => String(value).padStart(length, '0');

const startOf = (year: number, month: number): string => `${pad(year, 4)}-${pad(month, 2)}-01T00:00:00.000Z`;

// Month arithmetic on plain numbers: Date.UTC maps years below 100 onto the 1900s.
const addMonths = (year: number, month: number, months: number): [number, number] => {
  const index = year * 12 + (month - 1) + months;
  return [Math.floor(index / 12), (index % 12) + 1];
};

const invalid = (period: unknown): DomainError =>
  new DomainError('INVALID_PERIOD', 'period must be YYYY-MM, YYYY-Qn or YYYY', { period });

// Year 0000 and 9999 are refused: the first is no year, the end of the second has no 4-digit form.
export const parseQuotaPeriod = (period: string): QuotaPeriod => {
  const match = typeof period === 'string' ? PERIOD.exec(period) : null;
  if (!match) throw invalid(period);
  const year = Number(match[1]);
  if (year < 1 || year > 9998) throw invalid(period);
  const [month, months] =
    match[2] !== undefined
      ? [Number(match[2]), 1]
      : match[3] !== undefined
        ? [(Number(match[3]) - 1) * 3 + 1, 3]
        : [1, 12];
  if (month < 1 || month > 12) throw invalid(period);
  const [toYear, toMonth] = addMonths(year, month, months);
  return { period, from: startOf(year, month), to: startOf(toYear, toMonth) };
};
