import type { FastifyRequest } from 'fastify';
import { ApiKeys, Principal } from './api-keys.js';

export type Authentication =
  | { principal: Principal; refusal: null }
  | { principal: null; refusal: 'missing API key' | 'unknown API key' };

const AUTHENTICATION = Symbol('authentication');
type Marked = FastifyRequest & { [AUTHENTICATION]?: Authentication };

// Who a request's key names, worked out once per request (the rate limiter asks before the guard).
export function authenticate(request: FastifyRequest, keys: ApiKeys): Authentication {
  const marked = request as Marked;
  if (marked[AUTHENTICATION]) return marked[AUTHENTICATION];
  const header = request.headers.authorization;
  const match = typeof header === 'string' ? /^Bearer\s+(\S+)$/i.exec(header) : null;
  const principal = match ? keys.authenticate(match[1]) : null;
  const result: Authentication = principal
    ? { principal, refusal: null }
    : { principal: null, refusal: match ? 'unknown API key' : 'missing API key' };
  marked[AUTHENTICATION] = result;
  return result;
}

const REFUSAL = Symbol('refusal');
type Refused = FastifyRequest & { [REFUSAL]?: string };

/** Why the guard refused a request, for the audit trail. */
export const noteRefusal = (request: FastifyRequest, reason: string) => {
  (request as Refused)[REFUSAL] = reason;
};
export const refusalOf = (request: FastifyRequest): string | null => (request as Refused)[REFUSAL] ?? null;
