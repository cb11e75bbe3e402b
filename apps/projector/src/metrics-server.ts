import { createServer, type Server } from 'node:http';
import type { Registry } from 'prom-client';

// The worker has no HTTP API: with METRICS_PORT it serves its registry (webhook deliveries it
// makes, Node's process metrics) at GET /metrics for Prometheus, bound to HOST like the API. No
// key: an API key check would need the key store of the API; keep the port on the cluster network.
export async function serveMetrics(registry: Registry, port: number, host: string): Promise<Server> {
  const server = createServer((request, response) => {
    if (request.method !== 'GET' || request.url?.split('?')[0] !== '/metrics') {
      response.writeHead(404, { 'content-type': 'text/plain' }).end('not found\n');
      return;
    }
    registry
      .metrics()
      .then((text) => response.writeHead(200, { 'content-type': registry.contentType }).end(text))
      .catch((error: unknown) =>
        response.writeHead(500, { 'content-type': 'text/plain' }).end(`${(error as Error).message}\n`),
      );
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve());
  });
  return server;
}
