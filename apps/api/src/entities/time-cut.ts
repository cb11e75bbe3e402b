import { applyDecorators } from '@nestjs/common';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, Matches, ValidateBy } from 'class-validator';

// Time cuts on reads. Business time (`asOf`): the facts with occurredAt ≤ asOf. Recorded time
// (`knownAt`): what the engine had recorded by then, the events with metadata.recordedAt ≤ knownAt.
// Together they answer "what did we believe at knownAt about how things stood at asOf".

export const TIME_CUT_PATTERN = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2}))?$/;

const normalized = (value: string) => (value.length === 10 ? `${value}T00:00:00.000Z` : value);

// A bare date means its 00:00Z. null for no cut, or for a value that names no instant.
export function parseTimeCut(value: string | undefined | null): string | null {
  if (value === undefined || value === null) return null;
  const time = Date.parse(normalized(value));
  return Number.isNaN(time) ? null : new Date(time).toISOString();
}

// The pattern lets 2026-13-01 and 2026-02-30 through; Date.parse refuses the first and rolls the
// second over into March. A cut is real when its calendar date survives the round trip (dates
// with an offset are checked in their own zone, where the round trip cannot be compared).
export function isRealTimeCut(value: unknown): boolean {
  if (typeof value !== 'string' || !TIME_CUT_PATTERN.test(value)) return false;
  const [year, month, day] = value.slice(0, 10).split('-').map(Number);
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day)
    return false;
  const time = value.slice(11, 19);
  if (
    time &&
    (Number(time.slice(0, 2)) > 23 || Number(time.slice(3, 5)) > 59 || Number(time.slice(6, 8)) > 59)
  )
    return false;
  return parseTimeCut(value) !== null;
}

/** An optional query parameter holding a time cut: a timestamp with a zone, or a date = its 00:00Z. */
export const IsTimeCut = (name: string, description: string) =>
  applyDecorators(
    ApiPropertyOptional({ description: `${description} (timestamp with a zone, or a date = its 00:00Z)` }),
    IsOptional(),
    IsString(),
    Matches(TIME_CUT_PATTERN, {
      message: `${name} must be an ISO-8601 timestamp with a zone, or a date YYYY-MM-DD`,
    }),
    ValidateBy({
      name: 'isRealTimeCut',
      validator: { validate: isRealTimeCut, defaultMessage: () => `${name} is not a real date and time` },
    }),
  );

type Recorded = { metadata: { recordedAt: string } };
type Occurred = { data: Record<string, unknown> };

/** Keeps the events the engine had recorded by `knownAt` (all of them when null). */
export function knownAtFilter(knownAt: string | null): (event: Recorded) => boolean {
  if (knownAt === null) return () => true;
  const cut = Date.parse(knownAt);
  return (event) => Date.parse(event.metadata.recordedAt) <= cut;
}

/** Keeps the facts that had occurred by `asOf` (all of them when null). */
export function asOfFilter(asOf: string | null): (event: Occurred) => boolean {
  if (asOf === null) return () => true;
  const cut = Date.parse(asOf);
  return (event) => Date.parse(String(event.data.occurredAt)) <= cut;
}

export type TimeCuts = { asOf: string | null; knownAt: string | null };
export const NO_CUTS: TimeCuts = { asOf: null, knownAt: null };

// An entity's stream as known at knownAt is the prefix recorded by then (a later event can only
// have been appended after every earlier one); the asOf cut applies to what was known.
export function cutEvents<E extends Recorded & Occurred>(events: E[], cuts: TimeCuts): E[] {
  const known = knownAtFilter(cuts.knownAt);
  const end = events.findIndex((event) => !known(event));
  return (end === -1 ? events : events.slice(0, end)).filter(asOfFilter(cuts.asOf));
}
