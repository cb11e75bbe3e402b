import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { AuthenticatedRequest } from '../auth/auth.guard.js';
import { refusalOf } from '../auth/request-principal.js';
import { ID_PATTERN } from '../common/dto-validators.js';
import type { AuditEntry } from '@sales/platform';
import { AuditLog } from './audit-log.js';

const MAX_PATH = 256;

const header = (request: FastifyRequest, name: string): string | null => {
  const value = request.headers[name];
  const first = Array.isArray(value) ? value[0] : value;
  return typeof first === 'string' && ID_PATTERN.test(first) ? first : null;
};
// The path only: a query string may carry what does not belong in an audit trail.
const pathOf = (request: FastifyRequest) => request.url.split('?')[0].slice(0, MAX_PATH);

// Administrative requests that change how the engine runs, keyed on their route; recorded when
// accepted (a refusal is an AccessDenied like any other).
const projectionOf = (request: FastifyRequest) => ({
  projection: String((request.params as { name?: unknown }).name ?? '').slice(0, 64),
});
const ADMIN_ACTIONS: Record<string, (request: FastifyRequest) => Pick<AuditEntry, 'type' | 'data'>> = {
  'POST /v1/projections/:name/rebuild': (request) =>
    (request.query as { promote?: unknown }).promote === 'manual'
      ? { type: 'ProjectionCandidateRequested', data: projectionOf(request) }
      : { type: 'ProjectionRebuildRequested', data: projectionOf(request) },
  'POST /v1/projections/:name/promote': (request) => ({
    type: 'ProjectionCandidatePromoted',
    data: projectionOf(request),
  }),
  'DELETE /v1/projections/:name/candidate': (request) => ({
    type: 'ProjectionCandidateDropped',
    data: projectionOf(request),
  }),
};

// After the response has gone out, so that recording costs the client nothing.
export function registerAuditHooks(fastify: FastifyInstance, audit: AuditLog): void {
  fastify.addHook('onResponse', async (request: FastifyRequest, reply: FastifyReply) => {
    const status = reply.statusCode;
    const principal = (request as AuthenticatedRequest).principal?.name ?? null;
    const actorId = header(request, 'x-actor-id');
    const correlationId = header(request, 'x-correlation-id');
    if (status === 401 || status === 403) {
      audit.deny(
        {
          principal,
          actorId,
          method: request.method,
          path: pathOf(request),
          status,
          reason: refusalOf(request) ?? (status === 401 ? 'unauthenticated' : 'forbidden'),
          ip: request.ip,
        },
        correlationId,
      );
      return;
    }
    const action = ADMIN_ACTIONS[`${request.method} ${request.routeOptions.url}`];
    if (!action || status >= 400) return;
    const { type, data } = action(request);
    audit.record({
      type,
      data: { ...data, method: request.method, path: pathOf(request), status, ip: request.ip },
      principal,
      actorId,
      correlationId,
    });
  });
}
