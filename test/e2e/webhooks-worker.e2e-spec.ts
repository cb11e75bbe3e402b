import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { join } from 'node:path';
import { SqliteEventStore } from '@sales/event-store';
import type { WebhookDispatcher } from '@sales/feed';
import { SqliteReadStore } from '@sales/read-store';
import { startWebhookDelivery } from '@sales/platform';
import { startAppWith } from './support/app-with-options.js';
import { bearer } from './support/keys.js';
import { tempDataDir } from './support/store-targets.js';
import { testConfig, TestApp } from './support/test-app.js';
import { WebhookReceiver } from './support/webhook-receiver.js';

// SALES_PROJECTORS=external: the API delivers no webhook; the worker, on its own store connections
// as apps/projector runs it, delivers what the API's admin defined.
describe('webhooks delivered by the projector worker', () => {
  const config = {
    hosts: new Set(['127.0.0.1']),
    backoff: { initialMs: 1_000, maxMs: 300 },
    timeoutMs: 400,
    pollMs: 100,
  };
  const receiver = new WebhookReceiver();
  const data = tempDataDir();
  let api: TestApp;
  let worker: WebhookDispatcher;
  let closeWorker: () => Promise<void>;

  beforeAll(async () => {
    await receiver.start();
    api = await startAppWith({ ...testConfig(data.dir, null), projectors: 'external' }, { webhooks: config });
    const events = new SqliteEventStore(join(data.dir, 'events.db'));
    const reads = new SqliteReadStore(join(data.dir, 'read-models.db'));
    worker = startWebhookDelivery(events, reads, config);
    closeWorker = async () => {
      await worker.stop();
      await reads.close();
      await events.close();
    };
  });
  afterAll(async () => {
    await closeWorker();
    await api.close();
    await receiver.stop();
    data.remove();
  });

  it('delivers each event once from the worker, none from the API', async () => {
    const put = await api
      .http()
      .put('/v1/webhooks/to-worker')
      .set(bearer('admin'))
      .send({ url: `http://127.0.0.1:${receiver.port}/hook`, secret: 'whsec-worker-0123456789' });
    expect(put.status).toBe(201);
    const positions: number[] = [];
    for (let i = 0; i < 3; i++) {
      const res = await api
        .http()
        .post('/v1/leads')
        .set(bearer('service'))
        .send({ leadId: `wk-${i}`, source: 'web', company: 'Co', ownerId: 'rep-1' });
      positions.push(res.body.position);
    }
    const deadline = Date.now() + 15_000;
    while (receiver.accepted().length < 3 && Date.now() < deadline)
      await new Promise((r) => setTimeout(r, 50));
    await new Promise((r) => setTimeout(r, 500));
    expect(receiver.deliveries.map((d) => Number(d.headers['x-sales-event-position']))).toEqual(positions);
  });
});
