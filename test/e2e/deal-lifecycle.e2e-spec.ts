import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { bearer } from './support/keys.js';
import { STORE_TARGETS, tempDataDir } from './support/store-targets.js';
import { startApp, testConfig, TestApp } from './support/test-app.js';

const svc = bearer('service');

describe.each(STORE_TARGETS)('a whole deal life over HTTP on $name', (target) => {
  let api: TestApp;
  let stopStore: () => Promise<void>;
  let url: string | null;
  const data = tempDataDir();

  beforeAll(async () => {
    ({ eventStoreUrl: url, stop: stopStore } = await target.start());
    api = await startApp(testConfig(data.dir, url));
  });
  afterAll(async () => {
    await api.close();
    await stopStore();
    data.remove();
  });

  const post = (path: string, body: object, headers: Record<string, string> = {}) =>
    api
      .http()
      .post(path)
      .set({ ...svc, 'X-Actor-Id': 'mgr-7', ...headers })
      .send(body);

  it('runs pipeline → lead → conversion → moves → loss → reopen → reassignment → win', async () => {
    const pipeline = await api
      .http()
      .put('/v1/pipelines/enterprise')
      .set(svc)
      .send({
        name: 'Enterprise',
        stages: [
          { id: 'discovery', name: 'Discovery', probability: 0.1 },
          { id: 'demo', name: 'Demo', probability: 0.3 },
          { id: 'proposal', name: 'Proposal', probability: 0.6 },
          { id: 'negotiation', name: 'Negotiation', probability: 0.85 },
        ],
        occurredAt: '2026-01-01T00:00:00.000Z',
      });
    expect(pipeline.status).toBe(201);
    expect(pipeline.body).toMatchObject({ id: 'enterprise', version: 1 });
    expect(typeof pipeline.body.position).toBe('number');

    const lead = await post('/v1/leads', {
      leadId: 'lead-acme',
      source: 'webinar',
      company: 'Acme',
      contact: 'Li Wei',
      ownerId: 'rep-ann',
      occurredAt: '2026-01-05T09:00:00.000Z',
    });
    expect(lead.status).toBe(201);
    expect(lead.body).toMatchObject({ id: 'lead-acme', version: 1 });

    expect(
      (await post('/v1/leads/lead-acme/activities', { type: 'call', occurredAt: '2026-01-05T11:00:00.000Z' }))
        .status,
    ).toBe(201);

    const converted = await post('/v1/leads/lead-acme/convert', {
      dealId: 'deal-acme',
      title: 'Acme — 200 seats',
      accountId: 'acme',
      amount: 48000.5,
      pipelineId: 'enterprise',
      expectedCloseDate: '2026-03-31',
      occurredAt: '2026-01-06T09:00:00.000Z',
    });
    expect(converted.status).toBe(201);
    expect(converted.body).toMatchObject({
      id: 'lead-acme',
      dealId: 'deal-acme',
      version: 3,
      dealVersion: 1,
    });

    const steps: [string, object, number][] = [
      ['/v1/deals/deal-acme/stage', { stageId: 'proposal', occurredAt: '2026-01-10T09:00:00.000Z' }, 201],
      ['/v1/deals/deal-acme/stage', { stageId: 'demo', occurredAt: '2026-01-12T09:00:00.000Z' }, 201],
      [
        '/v1/deals/deal-acme/activities',
        { type: 'demo', performedBy: 'se-bo', occurredAt: '2026-01-12T10:00:00.000Z' },
        201,
      ],
      [
        '/v1/deals/deal-acme/close',
        { outcome: 'lost', reason: 'price', competitor: 'Globex', occurredAt: '2026-01-20T09:00:00.000Z' },
        201,
      ],
      ['/v1/deals/deal-acme/stage', { stageId: 'proposal', occurredAt: '2026-01-21T09:00:00.000Z' }, 409],
      ['/v1/deals/deal-acme/reopen', { occurredAt: '2026-02-01T09:00:00.000Z' }, 201],
      ['/v1/deals/deal-acme/owner', { ownerId: 'rep-cy', occurredAt: '2026-02-02T09:00:00.000Z' }, 201],
      ['/v1/deals/deal-acme/stage', { stageId: 'negotiation', occurredAt: '2026-02-10T09:00:00.000Z' }, 201],
      [
        '/v1/deals/deal-acme/close',
        { outcome: 'won', amount: 45000, occurredAt: '2026-02-20T09:00:00.000Z' },
        201,
      ],
      [
        '/v1/deals/deal-acme/close',
        { outcome: 'lost', reason: 'again', occurredAt: '2026-02-21T09:00:00.000Z' },
        409,
      ],
    ];
    for (const [path, body, status] of steps) {
      const response = await post(path, body);
      expect({ path, status: response.status }).toEqual({ path, status });
    }
    const closedAgain = await post('/v1/deals/deal-acme/close', { outcome: 'won' });
    expect(closedAgain.body.code).toBe('DEAL_CLOSED');

    const deal = await api.http().get('/v1/deals/deal-acme').set(bearer('analyst'));
    expect(deal.status).toBe(200);
    expect(deal.body).toMatchObject({
      dealId: 'deal-acme',
      ownerId: 'rep-cy',
      pipelineId: 'enterprise',
      stageId: 'negotiation',
      status: 'won',
      amount: 45000,
      openedAt: '2026-01-06T09:00:00.000Z',
      closedAt: '2026-02-20T09:00:00.000Z',
      leadId: 'lead-acme',
      source: 'webinar',
      expectedCloseDate: '2026-03-31',
      activityCount: 1,
      lastActivityAt: '2026-01-12T10:00:00.000Z',
      version: 9,
    });
    expect(deal.body.stageHistory).toEqual([
      {
        stageId: 'discovery',
        enteredAt: '2026-01-06T09:00:00.000Z',
        exitedAt: '2026-01-10T09:00:00.000Z',
        exit: 'forward',
      },
      {
        stageId: 'proposal',
        enteredAt: '2026-01-10T09:00:00.000Z',
        exitedAt: '2026-01-12T09:00:00.000Z',
        exit: 'backward',
      },
      {
        stageId: 'demo',
        enteredAt: '2026-01-12T09:00:00.000Z',
        exitedAt: '2026-01-20T09:00:00.000Z',
        exit: 'lost',
      },
      {
        stageId: 'demo',
        enteredAt: '2026-02-01T09:00:00.000Z',
        exitedAt: '2026-02-10T09:00:00.000Z',
        exit: 'forward',
      },
      {
        stageId: 'negotiation',
        enteredAt: '2026-02-10T09:00:00.000Z',
        exitedAt: '2026-02-20T09:00:00.000Z',
        exit: 'won',
      },
    ]);

    const asOf = await api.http().get('/v1/deals/deal-acme').query({ asOf: '2026-01-25' }).set(svc);
    expect(asOf.body).toMatchObject({
      status: 'lost',
      lossReason: 'price',
      ownerId: 'rep-ann',
      stageId: 'demo',
      version: 5,
    });
    const before = await api
      .http()
      .get('/v1/deals/deal-acme')
      .query({ asOf: '2026-01-01T00:00:00Z' })
      .set(svc);
    expect(before.status).toBe(404);
    expect(before.body.code).toBe('DEAL_NOT_FOUND');

    const leadView = await api.http().get('/v1/leads/lead-acme').set(svc);
    expect(leadView.body).toMatchObject({
      leadId: 'lead-acme',
      status: 'converted',
      dealId: 'deal-acme',
      source: 'webinar',
    });

    const history = await api.http().get('/v1/deals/deal-acme/history').set(bearer('auditor'));
    expect(history.status).toBe(200);
    expect(history.body.map((e: { type: string }) => e.type)).toEqual([
      'DealOpened',
      'DealStageAdvanced',
      'DealStageAdvanced',
      'ActivityLogged',
      'DealLost',
      'DealReopened',
      'DealReassigned',
      'DealStageAdvanced',
      'DealWon',
    ]);
    expect(history.body[0]).toMatchObject({ revision: 1, actorId: 'mgr-7', principal: 'orders-service' });
    expect(history.body[1].data).toMatchObject({
      from: 'discovery',
      to: 'proposal',
      direction: 'forward',
      enteredAt: '2026-01-06T09:00:00.000Z',
      ownerId: 'rep-ann',
    });
    expect((await api.http().get('/v1/deals/deal-acme/history').set(svc)).status).toBe(403);
  });

  it('keeps everything across a restart', async () => {
    const before = await api.http().get('/v1/deals/deal-acme').set(svc);
    await api.close();
    api = await startApp(testConfig(data.dir, url));
    const after = await api.http().get('/v1/deals/deal-acme').set(svc);
    expect(after.status).toBe(200);
    expect(after.body).toEqual(before.body);
    const next = await post('/v1/deals/deal-acme/activities', {
      type: 'email',
      occurredAt: '2026-02-21T09:00:00.000Z',
    });
    expect(next.body).toMatchObject({ version: 10 });
  });
});
