import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { reportsOverHttp } from './support/reports-over-http.js';
import { STORE_TARGETS } from './support/store-targets.js';

const NOW = new Date('2026-06-30T12:00:00.000Z');

describe.each(STORE_TARGETS)('pipeline-flow and forecast-accuracy over HTTP on $name', (target) => {
  const { start, stop, command, report } = reportsOverHttp(target, NOW);

  beforeAll(async () => {
    await start();
    const deal = { title: 'T', accountId: 'acme' };
    // F1 and F2 open in January, F3 in February; F1 grows, F2 passes to ann; both close in March.
    await command('post', '/v1/deals', {
      ...deal,
      dealId: 'F1',
      ownerId: 'ann',
      amount: 1000,
      expectedCloseDate: '2026-03-15',
      occurredAt: '2026-01-05T00:00:00Z',
    });
    await command('post', '/v1/deals', {
      ...deal,
      dealId: 'F2',
      ownerId: 'bo',
      amount: 2000,
      expectedCloseDate: '2026-03-20',
      occurredAt: '2026-01-06T00:00:00Z',
    });
    await command('post', '/v1/deals', {
      ...deal,
      dealId: 'F3',
      ownerId: 'ann',
      amount: 500,
      expectedCloseDate: '2026-03-25',
      occurredAt: '2026-02-10T00:00:00Z',
    });
    await command('patch', '/v1/deals/F1', { amount: 1500, occurredAt: '2026-02-15T00:00:00Z' });
    await command('post', '/v1/deals/F2/owner', { ownerId: 'ann', occurredAt: '2026-02-20T00:00:00Z' });
    await command('post', '/v1/deals/F1/close', { outcome: 'won', occurredAt: '2026-03-10T00:00:00Z' });
    await command('post', '/v1/deals/F2/close', {
      outcome: 'lost',
      reason: 'price',
      occurredAt: '2026-03-12T00:00:00Z',
    });
  });
  afterAll(stop);

  it('pipeline-flow: the waterfall from the open pipeline at from to the one at to', async () => {
    const february = await report('pipeline-flow', { from: '2026-02-01', to: '2026-03-01' });
    expect(february.status).toBe(200);
    expect(february.body).toMatchObject({
      report: 'pipeline-flow',
      from: '2026-02-01T00:00:00.000Z',
      to: '2026-03-01T00:00:00.000Z',
      asOf: NOW.toISOString(),
      pipelineId: 'default',
      start: { deals: 2, amount: 3000 },
      end: { deals: 3, amount: 4000 },
      added: { deals: 1, amount: 500 },
      increased: { deals: 1, amount: 500 },
      movedIn: { deals: 0, amount: 0 },
      won: { deals: 0, amount: 0 },
    });
    const ann = await report('pipeline-flow', { from: '2026-02-01', to: '2026-03-01', ownerId: 'ann' });
    expect(ann.body).toMatchObject({
      start: { deals: 1, amount: 1000 },
      end: { deals: 3, amount: 4000 },
      movedIn: { deals: 1, amount: 2000 },
    });
    const toApril = await report('pipeline-flow', { from: '2026-02-01', to: '2026-04-01' });
    expect(toApril.body).toMatchObject({
      start: { deals: 2, amount: 3000 },
      end: { deals: 1, amount: 500 },
      won: { deals: 1, amount: 1000 },
      lost: { deals: 1, amount: 2000 },
    });
  });

  it('forecast-accuracy: the forecast at each instant against the wins of the window', async () => {
    const answer = await report('forecast-accuracy', {
      from: '2026-03-01',
      to: '2026-04-01',
      at: '2026-01-10,2026-02-25T00:00:00Z',
    });
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({
      report: 'forecast-accuracy',
      at: ['2026-01-10T00:00:00.000Z', '2026-02-25T00:00:00.000Z'],
      actual: { won: 1, wonAmount: 1500 },
      snapshots: [
        // prospecting, p 0.1
        { at: '2026-01-10T00:00:00.000Z', deals: 2, amount: 3000, weightedAmount: 300, error: -1200 },
        { at: '2026-02-25T00:00:00.000Z', deals: 3, amount: 4000, weightedAmount: 400, error: -1100 },
      ],
    });
    expect(answer.body.snapshots[0].absPctError).toBeCloseTo(0.8, 12);
    expect(answer.body.snapshots[1].wonFromForecast).toEqual({ deals: 1, amount: 1500 });
    const forecast = await report('forecast', { from: '2026-03-01', to: '2026-04-01', asOf: '2026-02-25' });
    expect(forecast.body).toMatchObject({ deals: 3, amount: 4000, weightedAmount: 400 });
  });

  it('answers both as CSV', async () => {
    const flow = await report('pipeline-flow', { from: '2026-02-01', to: '2026-03-01' }).set(
      'accept',
      'text/csv',
    );
    expect(flow.status).toBe(200);
    expect(flow.headers['content-type']).toMatch(/^text\/csv/);
    const [header, summary] = flow.text.trim().split('\r\n');
    expect(header.split(',')).toEqual(
      expect.arrayContaining(['section', 'start.deals', 'end.amount', 'pushed.amount']),
    );
    expect(summary).toContain('summary');
    const accuracy = await report('forecast-accuracy', {
      from: '2026-03-01',
      to: '2026-04-01',
      at: '2026-01-10,2026-02-25',
    }).set('accept', 'text/csv');
    expect(accuracy.status).toBe(200);
    const rows = accuracy.text.trim().split('\r\n');
    expect(rows).toHaveLength(4); // header, summary (actual), one row per snapshot
    expect(rows.filter((row) => row.includes(',snapshots,'))).toHaveLength(2);
  });

  it.each([
    ['pipeline-flow', { from: '2026-03-01', to: '2026-03-01' }],
    ['pipeline-flow', { from: '2026-02-01', to: '2026-03-01', asOf: '2026-02-15' }],
    ['pipeline-flow', { from: 'yesterday', to: '2026-03-01' }],
    ['forecast-accuracy', { from: '2026-03-01', to: '2026-04-01' }],
    ['forecast-accuracy', { from: '2026-03-01', to: '2026-04-01', at: '2026-04-01' }],
    ['forecast-accuracy', { from: '2026-03-01', to: '2026-04-01', at: '2026-01-10,soon' }],
    [
      'forecast-accuracy',
      {
        from: '2026-03-01',
        to: '2026-04-01',
        at: Array.from({ length: 13 }, (_, i) => `2026-01-${10 + i}`).join(','),
      },
    ],
    ['forecast-accuracy', { from: '2026-03-01', to: '2026-04-01', at: '2026-02-25', asOf: '2026-02-01' }],
  ])('refuses %s with %j: 400 VALIDATION_FAILED', async (name, query) => {
    const answer = await report(name, query);
    expect({ status: answer.status, code: answer.body.code }).toEqual({
      status: 400,
      code: 'VALIDATION_FAILED',
    });
  });
});
