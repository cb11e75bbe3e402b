import { kindOf, OrderBy, Predicate, ScalarKind } from '../query-semantics.js';
import { Scalar } from '../read-store.port.js';
import { assertField } from '../validation.js';

// Translates normalized predicates into SQL over `json_extract(doc, '$.field')`. The JSON path is a
// literal, not a parameter, because SQLite only uses an expression index for a query that spells
// the same expression; field names are checked identifiers, so the literal is safe. Values are
// always bound.
//
// json_extract flattens JSON types (true is 1, an object is its text), so an exact comparison with
// a value carries a json_type guard: a number never matches a boolean, a string never an object.
// The guard parses the document once more per row and predicate. A loose filter leaves it out, and
// inequalities with a value too: it selects a superset of the exact rows, in the same order, for a
// caller that applies the exact predicates to the parsed documents (query-semantics `matches`).

type Field = { value: string; type: string | null; kind: ScalarKind | null };
export type Exactness = 'exact' | 'loose';

const GUARDS: Record<ScalarKind, string> = {
  string: "= 'text'",
  number: "IN ('integer', 'real')",
  boolean: "IN ('true', 'false')",
};
const SYMBOLS = { gt: '>', gte: '>=', lt: '<', lte: '<=' } as const;

export function fieldSql(field: string): Field {
  if (field === '_id') return { value: 'id', type: null, kind: 'string' };
  if (field === '_position') return { value: 'position', type: null, kind: 'number' };
  const path = `'$.${assertField(field)}'`;
  return { value: `json_extract(doc, ${path})`, type: `json_type(doc, ${path})`, kind: null };
}

const bind = (value: Scalar) => (typeof value === 'boolean' ? Number(value) : value);

// `test` holds only for values of `kind`; null when it can never hold for this field.
function typed(field: Field, kind: ScalarKind, test: string, exactness: Exactness): string | null {
  if (field.type === null) return field.kind === kind ? test : null;
  return exactness === 'loose' ? test : `(${test} AND ${field.type} ${GUARDS[kind]})`;
}

function equality(
  field: Field,
  value: Scalar,
  params: unknown[],
  operator: '=' | 'IS',
  exactness: Exactness,
): string {
  if (value === null) return `${field.value} IS NULL`;
  const test = typed(field, kindOf(value) as ScalarKind, `${field.value} ${operator} ?`, exactness);
  if (test === null) return '0';
  params.push(bind(value));
  return test;
}

function membership(field: Field, values: Scalar[], params: unknown[], exactness: Exactness): string {
  const parts = values.includes(null) ? [`${field.value} IS NULL`] : [];
  for (const kind of Object.keys(GUARDS) as ScalarKind[]) {
    const ofKind = values.filter((value) => kindOf(value) === kind);
    if (ofKind.length === 0) continue;
    const test = typed(field, kind, `${field.value} IN (SELECT value FROM json_each(?))`, exactness);
    if (test === null) continue;
    params.push(JSON.stringify(ofKind));
    parts.push(test);
  }
  if (parts.length === 0) return '0';
  return parts.length === 1 ? parts[0] : `(${parts.join(' OR ')})`;
}

function predicateSql(predicate: Predicate, params: unknown[], exactness: Exactness): string | null {
  const field = fieldSql(predicate.field);
  switch (predicate.op) {
    case 'eq':
      return equality(field, predicate.value, params, '=', exactness);
    case 'ne':
      if (predicate.value === null) return `${field.value} IS NOT NULL`;
      // The negation of a loose equality would drop rows of another type: left to the caller.
      if (exactness === 'loose') return null;
      // IS, never =: the negation must hold where the field is missing (NULL), so the inner test
      // has to be false there, not NULL.
      return `NOT (${equality(field, predicate.value, params, 'IS', exactness)})`;
    case 'in':
      return membership(field, predicate.value, params, exactness);
    case 'gt':
    case 'gte':
    case 'lt':
    case 'lte': {
      const { op, value } = predicate;
      if (value === null) return op === 'gte' || op === 'lte' ? `${field.value} IS NULL` : '0';
      const test = typed(field, kindOf(value) as ScalarKind, `${field.value} ${SYMBOLS[op]} ?`, exactness);
      if (test === null) return '0';
      params.push(bind(value));
      return test;
    }
    default: {
      const never: never = predicate;
      throw new TypeError(`read-store: unknown predicate ${JSON.stringify(never)}`);
    }
  }
}

export type SqlQuery = { sql: string; params: unknown[] };

export function whereSql(where: Predicate[], exactness: Exactness = 'exact'): SqlQuery {
  const params: unknown[] = [];
  const clauses = where.flatMap((predicate) => predicateSql(predicate, params, exactness) ?? []);
  return { sql: clauses.length ? ` WHERE ${clauses.join(' AND ')}` : '', params };
}

export function orderSql(orderBy: OrderBy): string {
  const terms = orderBy.map((o) => `${fieldSql(o.field).value} ${o.direction === 'desc' ? 'DESC' : 'ASC'}`);
  return terms.length ? ` ORDER BY ${terms.join(', ')}` : '';
}

export function selectSql(
  table: string,
  where: Predicate[],
  orderBy: OrderBy,
  limit?: number,
  exactness: Exactness = 'exact',
): SqlQuery {
  const filter = whereSql(where, exactness);
  const params = limit === undefined ? filter.params : [...filter.params, limit];
  const sql = `SELECT doc FROM "${table}"${filter.sql}${orderSql(orderBy)}${limit === undefined ? '' : ' LIMIT ?'}`;
  return { sql, params };
}

export function countSql(table: string, where: Predicate[]): SqlQuery {
  const filter = whereSql(where);
  return { sql: `SELECT count(*) AS n FROM "${table}"${filter.sql}`, params: filter.params };
}

// Without a limit, SQLite selects loosely (no second parse of each document for its JSON types)
// and `find` filters the parsed documents exactly; a limit needs the exact rows from SQLite.
export function findSql(table: string, where: Predicate[], orderBy: OrderBy, limit: number | undefined) {
  const exactness: Exactness = limit === undefined ? 'loose' : 'exact';
  return { ...selectSql(table, where, orderBy, limit, exactness), exactness };
}

// By shape, not by class: the native driver builds its errors with the SqliteError class of the
// first module instance that loaded it, so under a test runner's per-file module realms an error
// may not be an `instanceof Error` of this one.
export const isMissingTable = (error: unknown) => {
  const { name, message } = (error ?? {}) as { name?: unknown; message?: unknown };
  return name === 'SqliteError' && typeof message === 'string' && message.includes('no such table');
};
