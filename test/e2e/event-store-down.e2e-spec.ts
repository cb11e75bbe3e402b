import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { EsdbDouble, RunningDouble } from '../esdb-double/esdb-double.js';
import { bearer } from './support/keys.js';
import { tempDataDir } from './support/store-targets.js';
import { startApp, testConfig, TestApp } from './support/test-app.js';

const svc = bearer('service');

// EventStoreDB stopped under a running API, then started again on the same address with the same
// log: the API answers 503 EVENT_STORE_UNAVAILABLE with Retry-After meanwhile, never 500, and
// works again once the server is back, without a restart of its own.
describe('the event store goes away and comes back', () => {
  const data = tempDataDir();
  const double = new EsdbDouble();
  let running: RunningDouble;
  let api: TestApp;

  beforeAll(async () => {
    running = await double.start();
    // The read models are not under test: no projector in this process.
    api = await startApp({ ...testConfig(data.dir, running.url), projectors: 'external' });
  });
  afterAll(async () => {
    await api.close();
    await running.stop();
    data.remove();
  });

  const activity = (n: number) =>
    api
      .http()
      .post('/v1/deals/down-1/activities')
      .set(svc)
      .send({ activityId: `a-${n}`, type: 'call', occurredAt: '2026-01-02T00:00:00.000Z' });

  it('answers 503 EVENT_STORE_UNAVAILABLE with Retry-After for a command and a history read', async () => {
    const opened = await api.http().post('/v1/deals').set(svc).send({
      dealId: 'down-1',
      title: 'Down',
      accountId: 'acme',
      ownerId: 'rep-1',
      amount: 10,
      occurredAt: '2026-01-01T00:00:00.000Z',
    });
    expect(opened.status).toBe(201);
    await running.stop();

    const command = await activity(1);
    expect(command.status).toBe(503);
    expect(command.body).toMatchObject({ statusCode: 503, code: 'EVENT_STORE_UNAVAILABLE' });
    expect(Number(command.headers['retry-after'])).toBeGreaterThan(0);

    const history = await api.http().get('/v1/deals/down-1/history').set(bearer('auditor'));
    expect(history.status).toBe(503);
    expect(history.body.code).toBe('EVENT_STORE_UNAVAILABLE');
    expect(Number(history.headers['retry-after'])).toBeGreaterThan(0);
    expect(JSON.stringify(history.body)).not.toMatch(/grpc|stack|UNAVAILABLE:/i);

    const ready = await api.http().get('/health/ready');
    expect(ready.status).toBe(503);
  }, 30_000);

  it('accepts commands again once the server is back, with nothing lost or doubled', async () => {
    running = await double.start(running.port);
    let response = await activity(2);
    for (let i = 0; i < 50 && response.status !== 201; i++) {
      expect(response.status).toBe(503);
      await new Promise((resolve) => setTimeout(resolve, 200));
      response = await activity(2);
    }
    expect(response.status).toBe(201);
    const deal = await api.http().get('/v1/deals/down-1').set(svc);
    expect(deal.body).toMatchObject({ version: 2, activityCount: 1 });
    const history = await api.http().get('/v1/deals/down-1/history').set(bearer('auditor'));
    expect(history.status).toBe(200);
    expect(history.body.map((e: { type: string }) => e.type)).toEqual(['DealOpened', 'ActivityLogged']);
  }, 30_000);
});
