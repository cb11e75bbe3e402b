import { Condition, Query, Scalar } from './read-store.port.js';
import { assertField } from './validation.js';

// The one definition of what a Query means. The memory adapter evaluates it directly; the SQLite
// and MongoDB adapters translate the same normalized predicates, so all three agree:
// - a missing field equals null; `ne` matches missing fields;
// - values only compare within their type (a number never equals or orders against a string or a
//   boolean), as in MongoDB;
// - strings order by Unicode code point (SQLite BINARY and MongoDB's simple collation);
// - conditions are meant for scalar fields: matching against array or object values is unspecified
//   (MongoDB would look inside arrays, SQLite would not).

export type Op = 'eq' | 'ne' | 'gt' | 'gte' | 'lt' | 'lte' | 'in';
export type Predicate =
  { field: string; op: Exclude<Op, 'in'>; value: Scalar } | { field: string; op: 'in'; value: Scalar[] };
export type ScalarKind = 'string' | 'number' | 'boolean';

const OPS: readonly Op[] = ['eq', 'ne', 'gt', 'gte', 'lt', 'lte', 'in'];

export function kindOf(value: Scalar): ScalarKind | null {
  switch (typeof value) {
    case 'string':
      return 'string';
    case 'number':
      return 'number';
    case 'boolean':
      return 'boolean';
    default:
      return null;
  }
}

function isOperatorObject(condition: Condition): condition is Exclude<Condition, Scalar> {
  return typeof condition === 'object' && condition !== null;
}

export function predicates(where: Query['where'] = {}): Predicate[] {
  const result: Predicate[] = [];
  for (const [field, condition] of Object.entries(where)) {
    assertField(field);
    if (condition === undefined) continue;
    if (!isOperatorObject(condition)) {
      result.push({ field, op: 'eq', value: condition });
      continue;
    }
    for (const [op, value] of Object.entries(condition)) {
      if (value === undefined) continue;
      if (!OPS.includes(op as Op)) throw new TypeError(`read-store: unknown operator ${op} on ${field}`);
      if (op === 'in') {
        if (!Array.isArray(value)) throw new TypeError(`read-store: 'in' on ${field} needs an array`);
        result.push({ field, op, value });
      } else {
        result.push({ field, op: op as Exclude<Op, 'in'>, value: value as Scalar });
      }
    }
  }
  return result;
}

// UTF-16 code units order like code points except that surrogates (astral characters) must sort
// after U+E000..U+FFFF; shifting both ranges at the first difference fixes that.
const fixup = (unit: number) => (unit >= 0xe000 ? unit - 0x800 : unit >= 0xd800 ? unit + 0x2000 : unit);

export function compareStrings(a: string, b: string): number {
  if (a === b) return 0;
  const length = Math.min(a.length, b.length);
  for (let i = 0; i < length; i++) {
    const x = a.charCodeAt(i);
    const y = b.charCodeAt(i);
    if (x !== y) return fixup(x) - fixup(y);
  }
  return a.length - b.length;
}

const normalize = (value: unknown): unknown => (value === undefined ? null : value);

function equals(value: unknown, operand: Scalar): boolean {
  return operand === null ? value === null : value === operand;
}

function compareSameKind(value: unknown, operand: Scalar): number | null {
  if (operand === null || value === null || typeof value !== typeof operand) return null;
  if (typeof operand === 'string') return compareStrings(value as string, operand);
  return Number(value) - Number(operand);
}

function holds(predicate: Predicate, raw: unknown): boolean {
  const value = normalize(raw);
  switch (predicate.op) {
    case 'eq':
      return equals(value, predicate.value);
    case 'ne':
      return !equals(value, predicate.value);
    case 'in':
      return predicate.value.some((operand) => equals(value, operand));
    case 'gt':
    case 'gte':
    case 'lt':
    case 'lte': {
      // As in MongoDB: only null is >= or <= null, nothing is > or < it.
      if (predicate.value === null) return predicate.op.endsWith('e') && value === null;
      const order = compareSameKind(value, predicate.value);
      if (order === null) return false;
      if (predicate.op === 'gt') return order > 0;
      if (predicate.op === 'gte') return order >= 0;
      if (predicate.op === 'lt') return order < 0;
      return order <= 0;
    }
    default: {
      const never: never = predicate;
      throw new TypeError(`read-store: unknown predicate ${JSON.stringify(never)}`);
    }
  }
}

export function matches(doc: Record<string, unknown>, where: Predicate[]): boolean {
  return where.every((predicate) => holds(predicate, doc[predicate.field]));
}

// MongoDB's cross-type sort order; within a type, the natural order.
function rank(value: unknown): number {
  if (value === null) return 0;
  if (typeof value === 'number') return 1;
  if (typeof value === 'string') return 2;
  if (typeof value === 'boolean') return 5;
  return Array.isArray(value) ? 4 : 3;
}

export function compareValues(a: unknown, b: unknown): number {
  const x = normalize(a);
  const y = normalize(b);
  const byRank = rank(x) - rank(y);
  if (byRank !== 0) return byRank;
  if (typeof x === 'number') return x - (y as number);
  if (typeof x === 'string') return compareStrings(x, y as string);
  if (typeof x === 'boolean') return Number(x) - Number(y);
  if (x === null) return 0;
  return compareStrings(JSON.stringify(x), JSON.stringify(y));
}

export type OrderBy = NonNullable<Query['orderBy']>;

// The sort every adapter applies: the requested fields, then _id ascending.
export function orderWithTiebreak(orderBy: OrderBy = []): OrderBy {
  for (const { field, direction } of orderBy) {
    assertField(field);
    if (direction !== 'asc' && direction !== 'desc') {
      throw new TypeError(`read-store: direction must be 'asc' or 'desc', got ${JSON.stringify(direction)}`);
    }
  }
  return orderBy.some((o) => o.field === '_id') ? orderBy : [...orderBy, { field: '_id', direction: 'asc' }];
}

export function comparator(
  orderBy: OrderBy,
): (a: Record<string, unknown>, b: Record<string, unknown>) => number {
  return (a, b) => {
    for (const { field, direction } of orderBy) {
      const order = compareValues(a[field], b[field]);
      if (order !== 0) return direction === 'desc' ? -order : order;
    }
    return 0;
  };
}
