import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { reportsOverHttp } from './support/reports-over-http.js';
import { STORE_TARGETS } from './support/store-targets.js';

const NOW = new Date('2026-06-30T12:00:00.000Z');
const day = (n: number) => `2026-01-${String(n).padStart(2, '0')}T00:00:00.000Z`;

// slippage, stuck-deals and customer-value over HTTP: ten deals of bo's leave prospecting after
// 1..10 days; two of them are won by acme in February; D1 (ann) and X (bo) sit in prospecting.
describe.each(STORE_TARGETS)('revenue reports over HTTP on $name', (target) => {
  const { start, stop, command, report, position } = reportsOverHttp(target, NOW);

  beforeAll(async () => {
    await start();
    for (let i = 1; i <= 10; i++) {
      const dealId = `S${String(i).padStart(2, '0')}`;
      await command('post', '/v1/deals', {
        dealId,
        title: dealId,
        accountId: i <= 2 ? 'acme' : `acct-${i}`,
        ownerId: 'bo',
        amount: 1000,
        occurredAt: day(1),
      });
      await command('post', `/v1/deals/${dealId}/stage`, {
        stageId: 'qualification',
        occurredAt: day(1 + i),
      });
    }
    await command('post', '/v1/deals/S01/close', { outcome: 'won', occurredAt: '2026-02-01T00:00:00Z' });
    await command('post', '/v1/deals/S02/close', {
      outcome: 'won',
      amount: 1500.25,
      occurredAt: '2026-02-10T00:00:00Z',
    });
    await command('post', '/v1/deals', {
      dealId: 'D1',
      title: 'D1',
      accountId: 'globex',
      ownerId: 'ann',
      amount: 1000,
      expectedCloseDate: '2026-02-01',
      occurredAt: day(5),
    });
    await command('patch', '/v1/deals/D1', { expectedCloseDate: '2026-03-01', occurredAt: day(20) });
    await command('patch', '/v1/deals/D1', { amount: 1500, occurredAt: day(25) });
    await command('post', '/v1/deals', {
      dealId: 'X',
      title: 'X',
      accountId: 'initech',
      ownerId: 'bo',
      amount: 10,
      occurredAt: '2026-06-01T00:00:00Z',
    });
  });
  afterAll(stop);

  it('slippage: the close date pushed and the amount raised, by the owner at the update', async () => {
    const response = await report('slippage', { from: '2026-01-01', to: '2026-02-01' });
    expect(response.status).toBe(200);
    const figures = {
      pushes: 1,
      pullIns: 0,
      daysPushed: 28,
      amountIncreases: 1,
      amountDecreases: 0,
      increasedAmount: 500,
      decreasedAmount: 0,
    };
    expect(response.body).toEqual({
      report: 'slippage',
      from: day(1),
      to: '2026-02-01T00:00:00.000Z',
      asOf: NOW.toISOString(),
      ownerId: null,
      source: null,
      pipelineId: null,
      minPosition: position(),
      position: expect.any(Number),
      currency: 'CNY',
      ...figures,
      byOwner: [{ key: 'ann', ...figures }],
      deals: [
        {
          dealId: 'D1',
          ownerId: 'ann',
          pushes: 1,
          daysPushed: 28,
          firstExpectedCloseDate: '2026-02-01',
          lastExpectedCloseDate: '2026-03-01',
        },
      ],
    });
    const before = await report('slippage', { from: '2026-01-01', to: '2026-02-01', asOf: day(22) });
    expect([before.body.pushes, before.body.amountIncreases]).toEqual([1, 0]);
  });

  it('stuck-deals: deals longer in prospecting than the p80 of its completed visits', async () => {
    const response = await report('stuck-deals', {});
    expect(response.status).toBe(200);
    // 1..10 days: rank 9 × 0.8 = 7.2, between 8 and 9
    const p80Days = 8.2;
    expect(response.body).toMatchObject({
      report: 'stuck-deals',
      pipelineId: 'default',
      lookbackDays: 365,
      thresholds: [
        { stageId: 'prospecting', ownerId: null, sample: 10, p80Days: expect.closeTo(p80Days, 9) },
        { stageId: 'prospecting', ownerId: 'bo', sample: 10, p80Days: expect.closeTo(p80Days, 9) },
      ],
      judged: 2,
      notJudged: 8, // S03..S10 in qualification, where no visit has ended
    });
    const ageD1 = 176.5; // 5 January to 30 June, 12:00
    expect(response.body.deals).toEqual([
      {
        dealId: 'D1',
        ownerId: 'ann',
        stageId: 'prospecting',
        ageDays: ageD1,
        thresholdDays: expect.closeTo(p80Days, 9),
        basis: 'stage',
        ratio: expect.closeTo(ageD1 / p80Days, 9),
      },
      {
        dealId: 'X',
        ownerId: 'bo',
        stageId: 'prospecting',
        ageDays: 29.5,
        thresholdDays: expect.closeTo(p80Days, 9),
        basis: 'owner',
        ratio: expect.closeTo(29.5 / p80Days, 9),
      },
    ]);
    const short = await report('stuck-deals', { lookbackDays: 30 });
    expect(short.body).toMatchObject({
      lookbackDays: 30,
      thresholds: [],
      deals: [],
      judged: 0,
      notJudged: 10,
    });
  });

  it('customer-value: the lifetime value of the accounts acquired in the window', async () => {
    const response = await report('customer-value', { from: '2026-02-01', to: '2026-03-01' });
    expect(response.status).toBe(200);
    const figures = { accounts: 1, lifetimeValue: 2500.25, avgLifetimeValue: 2500.25, repeatRate: 1 };
    expect(response.body).toMatchObject({
      report: 'customer-value',
      from: '2026-02-01T00:00:00.000Z',
      ...figures,
      bySource: [{ key: 'unknown', ...figures }],
      byOwner: [{ key: 'bo', ...figures }],
      top: [
        {
          accountId: 'acme',
          wins: 2,
          lifetimeValue: 2500.25,
          firstWonAt: '2026-02-01T00:00:00.000Z',
          lastWonAt: '2026-02-10T00:00:00.000Z',
        },
      ],
    });
    expect(response.body).not.toHaveProperty('pipelineId');
  });

  it('answers CSV', async () => {
    const csv = await report('stuck-deals', {}).set('Accept', 'text/csv');
    expect(csv.status).toBe(200);
    expect(csv.headers['content-type']).toBe('text/csv; charset=utf-8');
    const [header, ...rows] = csv.text.trimEnd().split('\r\n');
    expect(header).toBe(
      'report,asOf,ownerId,source,pipelineId,lookbackDays,minPosition,position,currency,section,judged,notJudged,' +
        'stageId,sample,p80Days,dealId,ageDays,thresholdDays,basis,ratio',
    );
    expect(rows.map((row) => row.split(',')[9])).toEqual([
      'summary',
      'thresholds',
      'thresholds',
      'deals',
      'deals',
    ]);
    const slippage = await report('slippage', { from: '2026-01-01', to: '2026-02-01' }).set(
      'Accept',
      'text/csv',
    );
    expect(slippage.text.split('\r\n')[0]).toMatch(
      /^report,from,to,asOf,ownerId,source,pipelineId,minPosition,position,currency,section,pushes,/,
    );
    expect(slippage.text).toContain(',deals,');
  });

  it('refuses bad parameters with 400 VALIDATION_FAILED', async () => {
    const zero = await report('stuck-deals', { lookbackDays: 0 });
    expect(zero.status).toBe(400);
    expect(zero.body.code).toBe('VALIDATION_FAILED');
    expect(zero.body.details.map((d: { field: string }) => d.field)).toEqual(['lookbackDays']);
    expect((await report('stuck-deals', { lookbackDays: 'a year' })).status).toBe(400);
    const noWindow = await report('slippage', {});
    expect(noWindow.status).toBe(400);
    expect(noWindow.body.details.map((d: { field: string }) => d.field).sort()).toEqual(['from', 'to']);
    // customer-value covers every pipeline: a pipelineId is an unknown field
    const pipeline = await report('customer-value', {
      from: '2026-01-01',
      to: '2026-02-01',
      pipelineId: 'default',
    });
    expect([pipeline.status, pipeline.body.code]).toEqual([400, 'VALIDATION_FAILED']);
    const unknown = await report('slippage', { from: '2026-01-01', to: '2026-02-01', pipelineId: 'nope' });
    expect([unknown.status, unknown.body.code]).toEqual([422, 'UNKNOWN_PIPELINE']);
  });
});
