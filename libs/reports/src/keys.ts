// Keyed lists are sorted by key in Unicode code point order (as the read store sorts strings).
const fixup = (unit: number) => (unit >= 0xe000 ? unit - 0x800 : unit >= 0xd800 ? unit + 0x2000 : unit);

export function compareKeys(a: string, b: string): number {
  if (a === b) return 0;
  const length = Math.min(a.length, b.length);
  for (let i = 0; i < length; i++) {
    const x = a.charCodeAt(i);
    const y = b.charCodeAt(i);
    if (x !== y) return fixup(x) - fixup(y);
  }
  return a.length - b.length;
}

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
