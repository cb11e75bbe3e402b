import { isIsoDate, parseInstant, parseQuotaPeriod } from '@sales/domain';

// [from, to): from inclusive, to exclusive, both canonical ISO-8601 UTC timestamps with
// milliseconds, which order as strings exactly as in time.
export type Window = { from: string; to: string };

// A bare date means its 00:00Z; a timestamp needs its zone. Null when the value is no point in
// time (2026-02-30 included) or lies outside years 0000–9999.
export function parseTimeCut(value: string): string | null {
  if (isIsoDate(value)) return `${value}T00:00:00.000Z`;
  try {
    const iso = new Date(parseInstant('time', value)).toISOString();
    return /^\d{4}-/.test(iso) ? iso : null;
  } catch {
    return null;
  }
}

export const inWindow = (at: string | null, window: Window): boolean =>
  at !== null && at >= window.from && at < window.to;

// A calendar date (expectedCloseDate) is in the window when its 00:00Z is.
export const dateInWindow = (date: string | null, window: Window): boolean =>
  date !== null && inWindow(`${date}T00:00:00.000Z`, window);

// The widest range of calendar dates that can fall in the window: for an indexed query that the
// report function then narrows exactly with dateInWindow.
export const dateBounds = (window: Window): { gte: string; lte: string } => ({
  gte: window.from.slice(0, 10),
  lte: window.to.slice(0, 10),
});

export type Period = Window & { period: string };

// YYYY-MM, YYYY-Qn or YYYY, UTC boundaries; null when the text is no such period.
export function parsePeriod(period: string): Period | null {
  try {
    const { from, to } = parseQuotaPeriod(period);
    return { period, from, to };
  } catch {
    return null;
  }
}
