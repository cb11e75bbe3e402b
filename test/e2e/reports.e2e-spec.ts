import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { bearer } from './support/keys.js';
import { STORE_TARGETS, tempDataDir } from './support/store-targets.js';
import { startApp, testConfig, TestApp } from './support/test-app.js';

const svc = bearer('service');
const analyst = bearer('analyst');
const NOW = new Date('2026-06-30T12:00:00.000Z');

describe.each(STORE_TARGETS)('reports over HTTP on $name', (target) => {
  let api: TestApp;
  let stopStore: () => Promise<void>;
  let position = 0;
  const data = tempDataDir();

  const command = async (path: string, body: Record<string, unknown>) => {
    const response = await api.http().post(path).set(svc).send(body);
    expect(response.status).toBe(201);
    position = response.body.position;
  };

  beforeAll(async () => {
    const started = await target.start();
    stopStore = started.stop;
    api = await startApp(testConfig(data.dir, started.eventStoreUrl), { now: () => NOW });
    // E1 won, E2 lost in January; E3 opened in February.
    const deal = { title: 'T', accountId: 'acme', amount: 1000 };
    await command('/v1/deals', {
      ...deal,
      dealId: 'E1',
      ownerId: 'ann',
      source: 'web',
      occurredAt: '2026-01-05T00:00:00Z',
    });
    await command('/v1/deals', {
      ...deal,
      dealId: 'E2',
      ownerId: 'bo',
      accountId: 'globex',
      occurredAt: '2026-01-06T00:00:00Z',
    });
    await command('/v1/deals/E1/stage', { stageId: 'qualification', occurredAt: '2026-01-07T00:00:00Z' });
    await command('/v1/deals/E2/close', {
      outcome: 'lost',
      reason: 'price, "too high"',
      occurredAt: '2026-01-08T00:00:00Z',
    });
    await command('/v1/deals/E1/close', {
      outcome: 'won',
      amount: 1200.5,
      occurredAt: '2026-01-10T00:00:00Z',
    });
    await command('/v1/deals', { ...deal, dealId: 'E3', ownerId: 'ann', occurredAt: '2026-02-01T00:00:00Z' });
  });
  afterAll(async () => {
    await api.close();
    await stopStore();
    data.remove();
  });

  const report = (name: string, query: Record<string, unknown>, auth = analyst) =>
    api.http().get(`/v1/reports/${name}`).query(query).set(auth);

  it('reads its own writes (minPosition) and echoes its parameters and position', async () => {
    const funnel = await report('funnel', { from: '2026-01-01', to: '2026-02-01', minPosition: position });
    expect(funnel.status).toBe(200);
    expect(funnel.body).toMatchObject({
      report: 'funnel',
      from: '2026-01-01T00:00:00.000Z',
      to: '2026-02-01T00:00:00.000Z',
      asOf: NOW.toISOString(),
      ownerId: null,
      source: null,
      pipelineId: 'default',
      groupBy: null,
      minPosition: position,
      currency: 'CNY',
      deals: 2,
      won: 1,
      overallConversion: 0.5,
    });
    expect(funnel.body.position).toBeGreaterThanOrEqual(position);
    expect(funnel.body.stages.map((s: { reached: number }) => s.reached)).toEqual([2, 1, 1, 1]);

    const winRate = await report('win-rate', { from: '2026-01-01', to: '2026-02-01', groupBy: 'owner' });
    expect(winRate.body).toMatchObject({
      won: 1,
      lost: 1,
      winRate: 0.5,
      wonAmount: 1200.5,
      lostAmount: 1000,
    });
    expect(winRate.body.groups.map((g: { key: string }) => g.key)).toEqual(['ann', 'bo']);
  });

  it('computes a report as of a past date from the history up to it', async () => {
    const funnel = await report('funnel', { from: '2026-01-01', to: '2026-02-01', asOf: '2026-01-09' });
    expect(funnel.status).toBe(200);
    // On 9 January E1 sat in qualification and E2 was already lost.
    expect(funnel.body).toMatchObject({ asOf: '2026-01-09T00:00:00.000Z', deals: 2, won: 0 });
    expect(funnel.body.stages.map((s: { open: number; lost: number }) => [s.open, s.lost])).toEqual([
      [0, 1],
      [1, 0],
      [0, 0],
      [0, 0],
    ]);
    const pipeline = await report('pipeline', { asOf: '2026-01-09T00:00:00Z' });
    expect(pipeline.body).toMatchObject({ deals: 1, amount: 1000, meanAgeDays: 2 }); // E1, since 7 January
  });

  it('answers CSV for Accept: text/csv', async () => {
    const csv = await report('win-rate', { from: '2026-01-01', to: '2026-02-01' }).set('Accept', 'text/csv');
    expect(csv.status).toBe(200);
    expect(csv.headers['content-type']).toBe('text/csv; charset=utf-8');
    const lines = csv.text.split('\r\n');
    expect(lines[0]).toBe(
      'report,from,to,asOf,ownerId,source,pipelineId,groupBy,minPosition,position,currency,section,won,lost,winRate,wonAmount,lostAmount,amountWinRate,reason,count,amount',
    );
    expect(lines[1]).toMatch(
      /^win-rate,2026-01-01T00:00:00.000Z,2026-02-01T00:00:00.000Z,[^,]+,,,,,,\d+,CNY,summary,1,1,0.5,1200.5,1000,/,
    );
    expect(lines[2]).toMatch(/,lossReasons,,,,,,,"price, ""too high""",1,1000$/);
    expect(lines[3]).toBe('');
    const stages = await report('stage-velocity', { from: '2026-01-01', to: '2026-02-01' }).set(
      'Accept',
      'text/csv',
    );
    expect(stages.text.split('\r\n')[0]).toContain('daysInStage.median');
  });

  it('refuses bad parameters (400), an unknown pipeline (422) and the service role (403)', async () => {
    const missing = await report('funnel', {});
    expect(missing.status).toBe(400);
    expect(missing.body.code).toBe('VALIDATION_FAILED');
    expect(missing.body.details.map((d: { field: string }) => d.field).sort()).toEqual(['from', 'to']);
    const backwards = await report('cycle-time', { from: '2026-02-01', to: '2026-01-01' });
    expect(backwards.status).toBe(400);
    expect(backwards.body.details).toEqual([{ field: 'to', errors: ['to must be later than from'] }]);
    expect((await report('funnel', { from: '2026-02-30', to: '2026-03-01' })).status).toBe(400);
    expect((await report('reps', { from: '2026-01-01', to: '2026-02-01', groupBy: 'owner' })).status).toBe(
      400,
    );
    expect((await report('quota-attainment', { period: '2026-Q5' })).status).toBe(400);
    expect((await report('pipeline', { from: '2026-01-01' })).status).toBe(400);
    const unknown = await report('forecast', { from: '2026-01-01', to: '2026-02-01', pipelineId: 'nope' });
    expect([unknown.status, unknown.body.code]).toEqual([422, 'UNKNOWN_PIPELINE']);
    const forbidden = await report('funnel', { from: '2026-01-01', to: '2026-02-01' }, svc);
    expect([forbidden.status, forbidden.body.code]).toEqual([403, 'FORBIDDEN']);
    expect((await report('funnel', { from: '2026-01-01', to: '2026-02-01' }, bearer('admin'))).status).toBe(
      200,
    );
    expect(
      (await api.http().get('/v1/reports/funnel').query({ from: '2026-01-01', to: '2026-02-01' })).status,
    ).toBe(401);
  });

  it('serves every report of the contract', async () => {
    const window = { from: '2026-01-01', to: '2026-07-01' };
    const answers = await Promise.all([
      report('stage-velocity', window),
      report('cycle-time', window),
      report('lead-conversion', window),
      report('new-customers', window),
      report('forecast', window),
      report('reps', window),
      report('quota-attainment', { period: '2026-Q1' }),
    ]);
    expect(answers.map((a) => a.status)).toEqual([200, 200, 200, 200, 200, 200, 200]);
    expect(answers[3].body).toMatchObject({ count: 1, amount: 1200.5 }); // acme, by E1
    expect(answers[5].body.owners.map((o: { key: string }) => o.key)).toEqual(['ann', 'bo']);
  });

  it('keeps a report as of a past date current: a backdated command counts, a later one does not', async () => {
    const asOf = { from: '2026-01-01', to: '2026-02-01', asOf: '2026-01-20' };
    const before = await report('funnel', asOf);
    expect(before.body).toMatchObject({ deals: 2 });
    await command('/v1/deals', {
      title: 'T',
      accountId: 'initech',
      amount: 500,
      dealId: 'E4',
      ownerId: 'cy',
      occurredAt: '2026-01-15T00:00:00Z',
    });
    await command('/v1/deals', {
      title: 'T',
      accountId: 'initech',
      amount: 500,
      dealId: 'E5',
      ownerId: 'cy',
      occurredAt: '2026-01-25T00:00:00Z',
    });
    // as of a past date as live: the versioned read models, read once they have the new events
    const after = await report('funnel', { ...asOf, minPosition: position });
    expect(after.body).toMatchObject({ deals: 3, position });
    expect(after.body.position).toBeGreaterThan(before.body.position);
    // the deal list as of that date reads the same versions
    const list = await api
      .http()
      .get('/v1/deals')
      .query({ asOf: '2026-01-20', ownerId: 'cy', minPosition: position })
      .set(analyst);
    expect(list.body.items.map((d: { dealId: string }) => d.dealId)).toEqual(['E4']);
    const live = await report('funnel', { from: '2026-01-01', to: '2026-02-01', minPosition: position });
    expect(live.body).toMatchObject({ deals: 4 });
  });
});
