import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { AddressInfo, Server } from 'node:net';
import { Metrics } from '@sales/platform';
import { serveMetrics } from './metrics-server.js';

describe("the projector worker's metrics port", () => {
  const metrics = new Metrics();
  let server: Server;
  let base: string;

  beforeAll(async () => {
    metrics.readWebhooksFrom(async () => [{ webhook: 'invoicing', lag: 3, failingSince: null }]);
    metrics.webhookAttempt('invoicing', 'failed');
    server = await serveMetrics(metrics.registry, 0, '127.0.0.1');
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('serves the registry in Prometheus text at GET /metrics', async () => {
    const response = await fetch(`${base}/metrics`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
    const text = await response.text();
    expect(text).toContain('sales_webhook_deliveries_total{webhook="invoicing",outcome="failed"} 1');
    expect(text).toContain('sales_webhook_lag_events{webhook="invoicing"} 3');
    expect(text).toContain('process_resident_memory_bytes');
  });

  it('answers 404 elsewhere', async () => {
    expect((await fetch(`${base}/`)).status).toBe(404);
    expect((await fetch(`${base}/metrics`, { method: 'POST' })).status).toBe(404);
  });
});
