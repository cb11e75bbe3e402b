import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { ID_PATTERN } from '../common/dto-validators.js';

// A request id given by the proxy in front (X-Request-Id) is kept, so that its logs and ours join;
// anything that is not a plain id is replaced, never logged.
export function requestId(request: IncomingMessage): string {
  const given = request.headers['x-request-id'];
  return typeof given === 'string' && ID_PATTERN.test(given) ? given : randomUUID();
}

type Correlated = FastifyRequest & { correlationId?: string; principal?: { name: string } | null };

const headerId = (request: FastifyRequest, name: string) => {
  const value = request.headers[name];
  return typeof value === 'string' && ID_PATTERN.test(value) ? value : undefined;
};

// One record per request once answered (Fastify's own two records per request are off): the request
// id (also sent back as X-Request-Id), the route, the status, the time, the key's name (never the
// key), and the correlation id a command stored in its events' metadata.
export function registerRequestLog(fastify: FastifyInstance): void {
  fastify.addHook('onRequest', async (request, reply) => {
    void reply.header('x-request-id', request.id);
  });
  fastify.addHook('onResponse', async (request, reply) => {
    const r = request as Correlated;
    const status = reply.statusCode;
    const record = {
      // Flat fields (pino's req/res serializers would rewrite objects under those names); the
      // path without its query: a client that wrongly put a key in the URL must not see it logged.
      method: request.method,
      path: request.url.split('?')[0],
      route: request.routeOptions.url,
      statusCode: status,
      responseTime: Math.round(reply.elapsedTime * 10) / 10,
      principal: r.principal?.name,
      correlationId: r.correlationId ?? headerId(request, 'x-correlation-id'),
    };
    if (status >= 500) request.log.error(record, 'request failed');
    else request.log.info(record, 'request completed');
  });
}
