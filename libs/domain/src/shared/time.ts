import { isCalendarDate } from './calendar.js';
import { DomainError } from './domain-error.js';
import type { CommandTime } from './event.js';

export const FUTURE_TOLERANCE_MS = 5 * 60 * 1000;

// A zone is mandatory: a bare local time would depend on the server's TZ and break replays.
const INSTANT = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,9})?)?(Z|[+-](\d{2}):(\d{2}))$/;
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

const invalid = (field: string, value: unknown, expected: string): DomainError =>
  new DomainError('VALIDATION_FAILED', `${field} must be ${expected}`, { field, value });

export const parseInstant = (field: string, value: unknown): number => {
  const match = typeof value === 'string' ? INSTANT.exec(value) : null;
  const ms = match ? Date.parse(value as string) : Number.NaN;
  const [, y, mo, d, h, mi, s, , oh, om] = match ?? [];
  const fieldsOk =
    match !== null &&
    isCalendarDate(Number(y), Number(mo), Number(d)) &&
    Number(h) <= 23 &&
    Number(mi) <= 59 &&
    Number(s ?? 0) <= 59 &&
    Number(oh ?? 0) <= 23 &&
    Number(om ?? 0) <= 59;
  if (!fieldsOk || Number.isNaN(ms)) throw invalid(field, value, 'an ISO-8601 timestamp with a zone');
  return ms;
};

// Events always carry the canonical form (UTC, milliseconds) whatever the caller sent.
export const canonicalInstant = (field: string, value: unknown): string =>
  new Date(parseInstant(field, value)).toISOString();

export const isIsoDate = (value: unknown): value is string => {
  const match = typeof value === 'string' ? DATE.exec(value) : null;
  return match !== null && isCalendarDate(Number(match[1]), Number(match[2]), Number(match[3]));
};

export const parseIsoDate = (field: string, value: unknown): string => {
  if (!isIsoDate(value)) throw invalid(field, value, 'a calendar date YYYY-MM-DD');
  return value;
};

export const assertNotInFuture = (command: CommandTime): string => {
  const occurredAt = parseInstant('occurredAt', command.occurredAt);
  const now = parseInstant('now', command.now);
  if (occurredAt > now + FUTURE_TOLERANCE_MS) {
    throw new DomainError('OCCURRED_IN_FUTURE', 'occurredAt is more than 5 minutes in the future', {
      occurredAt: command.occurredAt,
      now: command.now,
    });
  }
  return new Date(occurredAt).toISOString();
};

// Equal timestamps are fine: several things can happen to an entity within the same millisecond.
export const assertInOrder = (occurredAt: string, latestOccurredAt: string | null): void => {
  if (latestOccurredAt !== null && Date.parse(occurredAt) < Date.parse(latestOccurredAt)) {
    throw new DomainError('OUT_OF_ORDER', 'occurredAt is earlier than the latest event on this entity', {
      occurredAt,
      latestOccurredAt,
    });
  }
};
