import type { FastifyInstance } from 'fastify';
import type { Metrics } from '@sales/platform';

// Every answer, refusals and 404s included, by its route pattern (/v1/deals/:dealId/stage), never the
// raw URL: ids in a label would make one time series per deal.
export function registerHttpMetrics(fastify: FastifyInstance, metrics: Metrics): void {
  fastify.addHook('onResponse', async (request, reply) => {
    metrics.httpDuration.observe(
      {
        method: request.method,
        route: request.routeOptions.url ?? 'unmatched',
        status: String(reply.statusCode),
      },
      reply.elapsedTime / 1000,
    );
  });
}
