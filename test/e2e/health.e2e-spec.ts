import { ALL_PROJECTIONS } from '@sales/projections';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { EsdbDouble } from '../esdb-double/esdb-double.js';
import { tempDataDir } from './support/store-targets.js';
import { startApp, testConfig, TestApp } from './support/test-app.js';

// Probes as Kubernetes reads them: the status code alone decides; the body says why.
describe('health probes', () => {
  it('are live and ready, without a key, while both stores answer and the projections run', async () => {
    const data = tempDataDir();
    const api = await startApp(testConfig(data.dir, null));
    try {
      const live = await api.http().get('/health/live');
      expect(live.status).toBe(200);
      expect(live.body).toEqual({ status: 'ok', info: {}, error: {}, details: {} });
      const ready = await api.http().get('/health/ready');
      expect(ready.status).toBe(200);
      expect(ready.body.status).toBe('ok');
      expect(ready.body.info).toMatchObject({
        eventStore: { status: 'up', position: expect.any(Number) },
        readStore: { status: 'up' },
        projections: { status: 'up', live: ALL_PROJECTIONS.length, unheld: [] },
      });
    } finally {
      await api.close();
      data.remove();
    }
  });

  describe('on EventStoreDB with external projectors', () => {
    let api: TestApp;
    let stopDouble: (() => Promise<void>) | null = null;
    const data = tempDataDir();

    beforeAll(async () => {
      const double = await new EsdbDouble().start();
      stopDouble = double.stop;
      api = await startApp({ ...testConfig(data.dir, double.url), projectors: 'external' });
    });
    afterAll(async () => {
      await api.close();
      await stopDouble?.();
      data.remove();
    });

    it('stays ready while no projector worker holds the projections, and names them unheld', async () => {
      const ready = await api.http().get('/health/ready');
      expect(ready.status).toBe(200);
      expect(ready.body.info).toMatchObject({
        eventStore: { status: 'up' },
        readStore: { status: 'up' },
        projections: { status: 'up', live: 0, unheld: expect.arrayContaining(['deals', 'leads']) },
      });
    });

    it('stays live but names the event store once it is gone, without its address', async () => {
      await stopDouble!();
      stopDouble = null;
      const ready = await api.http().get('/health/ready');
      expect(ready.status).toBe(503);
      expect(ready.body.details.error.eventStore).toMatchObject({
        status: 'down',
        message: expect.any(String),
      });
      expect(JSON.stringify(ready.body)).not.toMatch(/esdb:\/\/|127\.0\.0\.1/);
      expect((await api.http().get('/health/live')).status).toBe(200);
    });
  });
});
