import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { bearer } from './support/keys.js';
import { STORE_TARGETS, tempDataDir } from './support/store-targets.js';
import { startApp, testConfig, TestApp } from './support/test-app.js';

const svc = bearer('service');

describe.each(STORE_TARGETS)('concurrency and idempotency on $name', (target) => {
  let api: TestApp;
  let stopStore: () => Promise<void>;
  let url: string | null;
  const data = tempDataDir();

  beforeAll(async () => {
    const started = await target.start();
    stopStore = started.stop;
    url = started.eventStoreUrl;
    api = await startApp(testConfig(data.dir, url));
  });
  afterAll(async () => {
    await api.close();
    await stopStore();
    data.remove();
  });

  it('accepts 50 concurrent commands on one deal: all appear as events, none lost', async () => {
    const dealId = `busy-${Date.now()}`;
    const opened = await api.http().post('/v1/deals').set(svc).send({
      dealId,
      title: 'Busy',
      accountId: 'acme',
      ownerId: 'rep-1',
      amount: 100,
      occurredAt: '2026-01-01T00:00:00.000Z',
    });
    expect(opened.status).toBe(201);

    const responses = await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        api
          .http()
          .post(`/v1/deals/${dealId}/activities`)
          .set(svc)
          .send({
            activityId: `a-${i}`,
            type: i % 2 ? 'call' : 'email',
            occurredAt: '2026-01-02T00:00:00.000Z',
          }),
      ),
    );
    const accepted = responses.filter((r) => r.status === 201);
    expect(accepted).toHaveLength(50);
    expect(new Set(accepted.map((r) => r.body.version)).size).toBe(50);

    const deal = await api.http().get(`/v1/deals/${dealId}`).set(svc);
    expect(deal.body.version).toBe(51);
    expect(deal.body.activityCount).toBe(50);
    const history = await api.http().get(`/v1/deals/${dealId}/history`).set(bearer('auditor'));
    const activityIds = history.body
      .filter((e: { type: string }) => e.type === 'ActivityLogged')
      .map((e: { data: { activityId: string } }) => e.data.activityId);
    expect(new Set(activityIds)).toEqual(new Set(Array.from({ length: 50 }, (_, i) => `a-${i}`)));
  });

  it('serializes concurrent stage moves: every accepted one is an event, the rest are refused with codes', async () => {
    const dealId = `race-${Date.now()}`;
    await api.http().post('/v1/deals').set(svc).send({
      dealId,
      title: 'Race',
      accountId: 'a',
      ownerId: 'r',
      amount: 1,
      occurredAt: '2026-01-01T00:00:00.000Z',
    });
    const stages = ['qualification', 'quote', 'contract', 'quote', 'qualification', 'contract'];
    const responses = await Promise.all(
      stages.map((stageId) =>
        api
          .http()
          .post(`/v1/deals/${dealId}/stage`)
          .set(svc)
          .send({ stageId, occurredAt: '2026-01-02T00:00:00.000Z' }),
      ),
    );
    for (const r of responses) expect([201, 409]).toContain(r.status);
    const accepted = responses.filter((r) => r.status === 201).length;
    const deal = await api.http().get(`/v1/deals/${dealId}`).set(svc);
    expect(deal.body.version).toBe(1 + accepted);
    expect(deal.body.stageHistory).toHaveLength(1 + accepted);
  });

  it('replays an Idempotency-Key retry without appending, and refuses the key with another body', async () => {
    const body = {
      leadId: `idem-${Date.now()}`,
      source: 'ads',
      company: 'Initech',
      ownerId: 'rep-2',
      occurredAt: '2026-01-01T00:00:00.000Z',
    };
    const first = await api
      .http()
      .post('/v1/leads')
      .set({ ...svc, 'Idempotency-Key': `k-${body.leadId}` })
      .send(body);
    expect(first.status).toBe(201);
    const retries = await Promise.all(
      Array.from({ length: 5 }, () =>
        api
          .http()
          .post('/v1/leads')
          .set({ ...svc, 'Idempotency-Key': `k-${body.leadId}` })
          .send(body),
      ),
    );
    for (const retry of retries) {
      expect(retry.status).toBe(200);
      expect(retry.body).toEqual(first.body);
    }
    const lead = await api.http().get(`/v1/leads/${body.leadId}`).set(svc);
    expect(lead.body.version).toBe(1);
    const reused = await api
      .http()
      .post('/v1/leads')
      .set({ ...svc, 'Idempotency-Key': `k-${body.leadId}` })
      .send({ ...body, company: 'Other' });
    expect(reused.status).toBe(409);
    expect(reused.body.code).toBe('IDEMPOTENCY_KEY_REUSED');
  });

  it('lets two racing requests with one Idempotency-Key append once', async () => {
    const body = { dealId: `twin-${Date.now()}`, title: 'Twin', accountId: 'a', ownerId: 'r', amount: 5 };
    const [a, b] = await Promise.all(
      [0, 1].map(() =>
        api
          .http()
          .post('/v1/deals')
          .set({ ...svc, 'Idempotency-Key': `twin-${body.dealId}` })
          .send(body),
      ),
    );
    expect([a.status, b.status].sort()).toEqual([200, 201]);
    expect(a.body).toEqual(b.body);
  });

  it('decides right when another process wrote to the same store meanwhile', async () => {
    const other = await startApp(testConfig(data.dir, url));
    try {
      const dealId = `shared-${Date.now()}`;
      await api
        .http()
        .post('/v1/deals')
        .set(svc)
        .send({ dealId, title: 'S', accountId: 'a', ownerId: 'r', amount: 1 });
      await api.http().post(`/v1/deals/${dealId}/activities`).set(svc).send({ type: 'call' });
      const moved = await other.http().post(`/v1/deals/${dealId}/stage`).set(svc).send({ stageId: 'quote' });
      expect(moved.body.version).toBe(3);
      const again = await api.http().post(`/v1/deals/${dealId}/stage`).set(svc).send({ stageId: 'quote' });
      expect(again.body.code).toBe('ALREADY_IN_STAGE');
      const ifMatch = await api
        .http()
        .post(`/v1/deals/${dealId}/owner`)
        .set({ ...svc, 'If-Match': '"3"' })
        .send({ ownerId: 'z' });
      expect(ifMatch.status).toBe(201);
      await other
        .http()
        .post(`/v1/deals/${dealId}/close`)
        .set(svc)
        .send({ outcome: 'lost', reason: 'timing' });
      const reopened = await api.http().post(`/v1/deals/${dealId}/reopen`).set(svc).send({});
      expect(reopened.status).toBe(201);
      expect(reopened.body.version).toBe(6);
    } finally {
      await other.close();
    }
  });

  it('honours If-Match: a stale version gets 412 and changes nothing', async () => {
    const dealId = `ifm-${Date.now()}`;
    const opened = await api
      .http()
      .post('/v1/deals')
      .set(svc)
      .send({ dealId, title: 'T', accountId: 'a', ownerId: 'r', amount: 1 });
    const stale = await api
      .http()
      .post(`/v1/deals/${dealId}/owner`)
      .set({ ...svc, 'If-Match': '"7"' })
      .send({ ownerId: 'x' });
    expect(stale.status).toBe(412);
    expect(stale.body.code).toBe('VERSION_MISMATCH');
    const fresh = await api
      .http()
      .post(`/v1/deals/${dealId}/owner`)
      .set({ ...svc, 'If-Match': `"${opened.body.version}"` })
      .send({ ownerId: 'x' });
    expect(fresh.status).toBe(201);
    expect(fresh.body.version).toBe(2);
    const malformed = await api
      .http()
      .post(`/v1/deals/${dealId}/owner`)
      .set({ ...svc, 'If-Match': 'soon' })
      .send({ ownerId: 'y' });
    expect(malformed.status).toBe(400);
  });
});
