import { DomainError } from './domain-error.js';

// Decided on the shortest decimal form of the number (what the client wrote in its JSON), so
// 19.99 is accepted although 19.99 * 100 is 1998.9999…, and 0.1 + 0.2 (0.30000000000000004)
// is refused as the 17-decimal number it is rather than silently rounded.
const TWO_DECIMALS = /^(\d+)(?:\.(\d{1,2}))?$/;

const invalidAmount = (amount: unknown, why: string): DomainError =>
  new DomainError('INVALID_AMOUNT', `amount ${why}`, { amount });

export const toMinorUnits = (amount: number): number => {
  if (typeof amount !== 'number' || !Number.isFinite(amount))
    throw invalidAmount(amount, 'must be a finite number');
  if (amount < 0) throw invalidAmount(amount, 'must not be negative');
  const match = TWO_DECIMALS.exec(String(amount));
  if (!match) throw invalidAmount(amount, 'has more than 2 decimals or is too large');
  const minor = Number(match[1]) * 100 + Number((match[2] ?? '').padEnd(2, '0'));
  if (!Number.isSafeInteger(minor)) throw invalidAmount(amount, 'is too large');
  return minor;
};

// Rounds half away from zero so weighted figures (amount × probability) come out at 2 decimals;
// integer / 100 is the double nearest the decimal, so it prints as exactly 2 decimals.
export const fromMinorUnits = (minor: number): number => {
  if (typeof minor !== 'number' || !Number.isFinite(minor))
    throw invalidAmount(minor, 'must be a finite number');
  const cents = Math.sign(minor) * Math.round(Math.abs(minor));
  return cents / 100 + 0;
};

export const requireAmountMinor = (field: string, value: unknown): number => {
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 0) {
    throw new DomainError('INVALID_AMOUNT', `${field} must be a non-negative integer number of minor units`, {
      field,
      value,
    });
  }
  return value;
};
