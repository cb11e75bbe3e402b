import type { Document, Filter } from 'mongodb';
import { Doc } from '../read-store.port.js';
import { OrderBy, Predicate } from '../query-semantics.js';

// MongoDB's own semantics already match query-semantics.ts for scalar fields (missing equals null,
// `$ne` matches missing fields, comparisons stay within a type). Only ranges against null are
// spelled out, so that they do not depend on the server's (or FerretDB's) reading of them.
function operatorFilter(predicate: Predicate): Document {
  switch (predicate.op) {
    case 'eq':
      return { $eq: predicate.value };
    case 'ne':
      return { $ne: predicate.value };
    case 'in':
      return { $in: predicate.value };
    case 'gt':
    case 'gte':
    case 'lt':
    case 'lte': {
      const { op, value } = predicate;
      if (value === null) return op === 'gte' || op === 'lte' ? { $eq: null } : { $in: [] };
      return { [`$${op}`]: value };
    }
    default: {
      const never: never = predicate;
      throw new TypeError(`read-store: unknown predicate ${JSON.stringify(never)}`);
    }
  }
}

export function mongoFilter(where: Predicate[]): Filter<Doc> {
  const clauses: Filter<Doc>[] = where.map((predicate) => ({ [predicate.field]: operatorFilter(predicate) }));
  if (clauses.length === 0) return {};
  // $and keeps two conditions on one field (gte and lt) apart without merging operator objects.
  return clauses.length === 1 ? clauses[0] : { $and: clauses };
}

export function mongoSort(orderBy: OrderBy): [string, 1 | -1][] {
  return orderBy.map(({ field, direction }) => [field, direction === 'desc' ? -1 : 1]);
}
