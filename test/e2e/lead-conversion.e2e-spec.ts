import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { dealStream } from '@sales/domain';
import { openEventStore } from '@sales/platform';
import { envelope, systemContext } from '@sales/event-store';
import { startAppWith } from './support/app-with-options.js';
import { FailingStore } from './support/failing-store.js';
import { bearer } from './support/keys.js';
import { STORE_TARGETS, tempDataDir } from './support/store-targets.js';
import { startApp, testConfig, TestApp } from './support/test-app.js';

const svc = bearer('service');
const AT = '2026-01-01T00:00:00.000Z';

async function capture(api: TestApp, leadId: string) {
  const response = await api
    .http()
    .post('/v1/leads')
    .set(svc)
    .send({ leadId, source: 'web', company: 'Acme', ownerId: 'rep-1', occurredAt: AT });
  expect(response.status).toBe(201);
}

const convert = (api: TestApp, leadId: string, dealId: string) =>
  api.http().post(`/v1/leads/${leadId}/convert`).set(svc).send({
    dealId,
    title: 'Rollout',
    accountId: 'acme',
    amount: 100,
    occurredAt: '2026-01-02T00:00:00.000Z',
  });

async function eventually<T>(read: () => Promise<T>, done: (value: T) => boolean, ms = 15_000): Promise<T> {
  const until = Date.now() + ms;
  for (;;) {
    const value = await read();
    if (done(value) || Date.now() > until) return value;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

describe.each(STORE_TARGETS)('lead conversion, all or nothing, on $name', (target) => {
  const data = tempDataDir();
  let url: string | null;
  let stopStore: () => Promise<void>;

  beforeAll(async () => {
    const started = await target.start();
    url = started.eventStoreUrl;
    stopStore = started.stop;
  });
  afterAll(async () => {
    await stopStore();
    data.remove();
  });

  it('a process that dies between the two appends: the restart opens the deal', async () => {
    const config = testConfig(data.dir, url);
    const store = new FailingStore(await openEventStore(config));
    const first = await startAppWith(config, { eventStore: store });
    await capture(first, 'crash-1');
    store.failAppendsTo(dealStream('crash-d1'));
    const failed = await convert(first, 'crash-1', 'crash-d1');
    expect(failed.status).toBe(503);
    expect(failed.body.code).toBe('EVENT_STORE_UNAVAILABLE');
    expect(failed.headers['retry-after']).toBeDefined();
    // Committed on the lead, not yet on the deal: what a crash at that point leaves.
    expect((await first.http().get('/v1/leads/crash-1').set(svc)).body).toMatchObject({
      status: 'converted',
      dealId: 'crash-d1',
    });
    expect((await first.http().get('/v1/deals/crash-d1').set(svc)).status).toBe(404);
    await first.close();

    const second = await startApp(config);
    try {
      const deal = await eventually(
        () => second.http().get('/v1/deals/crash-d1').set(svc),
        (r) => r.status === 200,
      );
      expect(deal.status).toBe(200);
      expect(deal.body).toMatchObject({ leadId: 'crash-1', status: 'open', version: 1, amount: 100 });
    } finally {
      await second.close();
    }
  });

  describe('in a running process', () => {
    let api: Awaited<ReturnType<typeof startAppWith>>;
    let store: FailingStore;

    beforeAll(async () => {
      const config = testConfig(data.dir, url);
      store = new FailingStore(await openEventStore(config));
      api = await startAppWith(config, { eventStore: store });
    });
    afterAll(() => api.close());

    async function halfConverted(leadId: string, dealId: string) {
      await capture(api, leadId);
      store.failAppendsTo(dealStream(dealId), 1);
      expect((await convert(api, leadId, dealId)).status).toBe(503);
      expect((await api.http().get(`/v1/deals/${dealId}`).set(svc)).status).toBe(404);
    }

    it('the next command on the lead finishes the conversion first', async () => {
      await halfConverted('next-l1', 'next-d1');
      const activity = await api
        .http()
        .post('/v1/leads/next-l1/activities')
        .set(svc)
        .send({ type: 'call', occurredAt: '2026-01-03T00:00:00.000Z' });
      expect(activity.status).toBe(201);
      expect((await api.http().get('/v1/deals/next-d1').set(svc)).body).toMatchObject({ leadId: 'next-l1' });
    });

    it('a retry of a conversion that failed after its commit answers as the first would have', async () => {
      await halfConverted('retry-l', 'retry-d');
      const retried = await convert(api, 'retry-l', 'retry-d');
      expect(retried.status).toBe(201);
      expect(retried.body).toMatchObject({ id: 'retry-l', version: 2, dealId: 'retry-d', dealVersion: 1 });
      expect((await api.http().get('/v1/deals/retry-d').set(svc)).body).toMatchObject({ leadId: 'retry-l' });
      const other = await api
        .http()
        .post('/v1/leads/retry-l/convert')
        .set(svc)
        .send({ dealId: 'retry-d', title: 'Another', accountId: 'acme', amount: 100 });
      expect(other.body.code).toBe('LEAD_ALREADY_CONVERTED');
    });

    it('the next command on the deal finishes the conversion first, then runs on the opened deal', async () => {
      await halfConverted('next-l2', 'next-d2');
      const activity = await api
        .http()
        .post('/v1/deals/next-d2/activities')
        .set(svc)
        .send({ type: 'call', occurredAt: '2026-01-03T00:00:00.000Z' });
      expect(activity.status).toBe(201);
      expect((await api.http().get('/v1/deals/next-d2').set(svc)).body).toMatchObject({
        leadId: 'next-l2',
        activityCount: 1,
        version: 2,
      });
      // Opening that deal id by hand now meets the converted deal.
      const open = await api
        .http()
        .post('/v1/deals')
        .set(svc)
        .send({ dealId: 'next-d2', title: 'x', accountId: 'a', ownerId: 'r', amount: 1 });
      expect(open.status).toBe(409);
      expect(open.body.code).toBe('DEAL_EXISTS');
    });

    it('a deal id taken in between reverts the conversion: the lead is open again', async () => {
      await halfConverted('taken-l', 'taken-d');
      // Another process opened a deal under that id between the two appends.
      const other = {
        type: 'DealOpened',
        data: {
          dealId: 'taken-d',
          title: 'Other',
          accountId: 'other',
          ownerId: 'rep-9',
          amountMinor: 100,
          pipelineId: 'default',
          stageId: 'prospecting',
          source: null,
          leadId: null,
          leadCapturedAt: null,
          expectedCloseDate: null,
          occurredAt: AT,
        },
      };
      await store.append(dealStream('taken-d'), [envelope(other, systemContext(new Date()))], 0);
      const activity = await api
        .http()
        .post('/v1/leads/taken-l/activities')
        .set(svc)
        .send({ type: 'call', occurredAt: '2026-01-02T00:00:00.000Z' });
      expect(activity.status).toBe(201);
      expect((await api.http().get('/v1/leads/taken-l').set(svc)).body).toMatchObject({
        status: 'open',
        dealId: null,
      });
      expect((await api.http().get('/v1/deals/taken-d').set(svc)).body).toMatchObject({
        leadId: null,
        title: 'Other',
      });
      const history = await api.http().get('/v1/deals/taken-d/history').set(bearer('auditor'));
      expect(history.body.map((e: { type: string }) => e.type)).toEqual(['DealOpened']);
      // Open again: it converts into another deal.
      expect((await convert(api, 'taken-l', 'taken-d2')).status).toBe(201);
    });

    it('refuses a conversion into an existing deal with nothing appended', async () => {
      await capture(api, 'exists-l');
      expect((await convert(api, 'exists-l', 'taken-d')).body.code).toBe('DEAL_EXISTS');
      expect((await api.http().get('/v1/leads/exists-l').set(svc)).body).toMatchObject({
        status: 'open',
        version: 1,
      });
    });
  });

  it('disqualification racing conversion on two processes: one outcome, consistent on both streams', async () => {
    const config = testConfig(data.dir, url);
    const one = await startApp(config);
    const two = await startApp({ ...config, projectors: 'external' });
    const outcomes = { converted: 0, disqualified: 0 };
    try {
      for (let round = 0; round < 25; round++) {
        const leadId = `race-${round}`;
        const dealId = `race-d${round}`;
        await capture(one, leadId);
        const [a, b] = round % 2 ? [one, two] : [two, one];
        const [converted, disqualified] = await Promise.all([
          convert(a, leadId, dealId),
          b
            .http()
            .post(`/v1/leads/${leadId}/disqualify`)
            .set(svc)
            .send({ reason: 'no budget', occurredAt: '2026-01-02T00:00:00.000Z' }),
        ]);
        expect([converted.status, disqualified.status].sort()).toEqual([201, 409]);
        const lead = (await one.http().get(`/v1/leads/${leadId}`).set(svc)).body;
        const deal = await two.http().get(`/v1/deals/${dealId}`).set(svc);
        if (converted.status === 201) {
          outcomes.converted++;
          expect(disqualified.body.code).toBe('LEAD_ALREADY_CONVERTED');
          expect(lead).toMatchObject({ status: 'converted', dealId });
          expect(deal.body).toMatchObject({ leadId, status: 'open' });
        } else {
          outcomes.disqualified++;
          expect(converted.body.code).toBe('LEAD_DISQUALIFIED');
          expect(lead.status).toBe('disqualified');
          expect(deal.status).toBe(404);
        }
      }
    } finally {
      await one.close();
      await two.close();
    }
    expect(outcomes.converted + outcomes.disqualified).toBe(25);
  }, 120_000);
});
