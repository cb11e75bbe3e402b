// Keyed lists are sorted by key in Unicode code point order, as the read store sorts strings.
import { compareStrings } from '@sales/read-store';

export const compareKeys = compareStrings;

export const UNKNOWN_SOURCE = 'unknown';

// A deal's source is its lead's source, else its own (both recorded on its events), else unknown.
export const sourceOf = (row: { source: string | null }): string => row.source ?? UNKNOWN_SOURCE;

// Rows by key, keys sorted.
export function groupRows<T>(rows: readonly T[], keyOf: (row: T) => string): [string, T[]][] {
  const groups = new Map<string, T[]>();
  for (const row of rows) {
    const key = keyOf(row);
    const group = groups.get(key);
    if (group) group.push(row);
    else groups.set(key, [row]);
  }
  return [...groups.entries()].sort(([a], [b]) => compareKeys(a, b));
}

export const sortedKeys = (keys: Iterable<string>): string[] => [...new Set(keys)].sort(compareKeys);
