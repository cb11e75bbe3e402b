import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';

// The router matches an empty path segment as a route parameter (PUT /v1/quotas/rep-1/ gives
// period ''), and Nest then hands the request to the not-found handler from inside the route
// handler, after every preHandler hook has run once: the hooks run a second time on the same
// request, and the idempotency hook, finding its own entry in flight, waited for itself forever.
// Sending such a request to the not-found handler before any hook runs makes every hook run once.
export function registerEmptyRouteParams(fastify: FastifyInstance): void {
  fastify.addHook('onRequest', async (request: FastifyRequest, reply: FastifyReply) => {
    const params = request.params as Record<string, unknown> | null;
    if (!params || request.is404) return;
    for (const name in params) {
      if (params[name] === '' && name !== '*') return reply.callNotFound();
    }
  });
}
