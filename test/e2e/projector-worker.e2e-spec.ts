import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { join } from 'node:path';
import { SqliteEventStore } from '@sales/event-store';
import { ALL_PROJECTIONS, ProjectionEngine } from '@sales/projections';
import { SqliteReadStore } from '@sales/read-store';
import { bearer } from './support/keys.js';
import { tempDataDir } from './support/store-targets.js';
import { startApp, testConfig, TestApp } from './support/test-app.js';

// SALES_PROJECTORS=external: the API runs no projector; a worker (here an engine on its own store
// connections, as apps/projector runs it) does, and the API follows it through the registry.
describe('API beside a projector worker', () => {
  let api: TestApp;
  let worker: ProjectionEngine;
  let closeWorker: () => Promise<void>;
  const data = tempDataDir();

  beforeAll(async () => {
    api = await startApp({ ...testConfig(data.dir, null), projectors: 'external' });
    const events = new SqliteEventStore(join(data.dir, 'events.db'));
    const reads = new SqliteReadStore(join(data.dir, 'read-models.db'));
    worker = new ProjectionEngine(ALL_PROJECTIONS, events, reads);
    await worker.start();
    closeWorker = async () => {
      await worker.stop();
      await reads.close();
      await events.close();
    };
  });
  afterAll(async () => {
    await closeWorker();
    await api.close();
    data.remove();
  });

  it('reads its own writes through the worker, shows its status, and hands it rebuilds', async () => {
    const opened = await api
      .http()
      .post('/v1/deals')
      .set(bearer('service'))
      .send({ dealId: 'w1', title: 'T', accountId: 'a', ownerId: 'r', amount: 1 });
    const listed = await api
      .http()
      .get('/v1/deals')
      .query({ minPosition: opened.body.position })
      .set(bearer('service'));
    expect(listed.status).toBe(200);
    expect(listed.body.items.map((d: { dealId: string }) => d.dealId)).toEqual(['w1']);

    await new Promise((resolve) => setTimeout(resolve, 1200)); // a status publication of the worker
    const status = await api.http().get('/v1/projections/deals').set(bearer('analyst'));
    expect(status.body).toMatchObject({ name: 'deals', status: 'live', lastError: null });

    const requested = await api.http().post('/v1/projections/deals/rebuild').set(bearer('analyst'));
    expect(requested.status).toBe(202);
    const before = status.body.generation;
    const deadline = Date.now() + 20_000;
    while (worker.serving('deals')?.generation === before && Date.now() < deadline)
      await new Promise((r) => setTimeout(r, 100));
    expect(worker.serving('deals')?.generation).toBe(before + 1);
    const after = await api.http().get('/v1/deals').set(bearer('service'));
    expect(after.body.items).toHaveLength(1);
  });
});
