import { describe, expect, it } from '@jest/globals';
import type { DemoAction } from './demo/demo-actions.js';
import { at, lose, move, open, reassign, reopen } from './spec-support/history-dsl.js';
import { reportOf } from './spec-support/report-fixture.js';
import type { StuckDealsReport } from './stuck-deals.report.js';

// Twelve deals leave prospecting after 1..12 days (ten of ann's, two of bo's) and stay open in
// qualification, where no visit has ended.
const leftProspecting: DemoAction[] = Array.from({ length: 12 }, (_, i) => {
  const dealId = `P${String(i + 1).padStart(2, '0')}`;
  return [open(dealId, at(0), { ownerId: i < 10 ? 'ann' : 'bo' }), move(dealId, at(i + 1), 'qualification')];
}).flat();

const history = [
  ...leftProspecting,
  open('R1', at(60), { ownerId: 'ann' }),
  lose('R1', at(70)), // a 10-day visit of ann's
  open('S1', at(90), { ownerId: 'ann' }),
  open('S2', at(91), { ownerId: 'bo' }),
  open('S3', at(85), { ownerId: 'bo', source: 'web' }),
  open('S4', at(95), { ownerId: 'ann' }),
  reopen('R1', at(97)), // a new visit: 3 days old at asOf
];
const asOf = at(100);

describe('stuck deals', () => {
  it('judges each open deal against the p80 of its stage’s completed visits, its owner’s when there are ten', async () => {
    expect(await reportOf<StuckDealsReport>('stuck-deals', history, { asOf })).toEqual({
      thresholds: [
        // 1..10, 10, 11, 12 days: rank 12 × 0.8 = 9.6 between 10 and 10
        { stageId: 'prospecting', ownerId: null, sample: 13, p80Days: 10 },
        // 1..10, 10: rank 10 × 0.8 = 8, the ninth, 9
        { stageId: 'prospecting', ownerId: 'ann', sample: 11, p80Days: 9 },
      ],
      deals: [
        {
          dealId: 'S3',
          ownerId: 'bo',
          stageId: 'prospecting',
          ageDays: 15,
          thresholdDays: 10,
          basis: 'stage', // bo has two visits: too few
          ratio: 1.5,
        },
        {
          dealId: 'S1',
          ownerId: 'ann',
          stageId: 'prospecting',
          ageDays: 10,
          thresholdDays: 9,
          basis: 'owner',
          ratio: 10 / 9,
        },
      ],
      judged: 5, // S1..S4 and R1; S2 (9 days ≤ 10), S4 and R1 are not stuck
      notJudged: 12, // the twelve in qualification
    });
  });

  it('takes the thresholds from the lookback only, and narrows the deals by owner and source', async () => {
    const recent = await reportOf<StuckDealsReport>('stuck-deals', history, { asOf, lookbackDays: 30 });
    expect(recent).toEqual({ thresholds: [], deals: [], judged: 0, notJudged: 17 });
    const bo = await reportOf<StuckDealsReport>('stuck-deals', history, { asOf, ownerId: 'bo' });
    expect(bo.thresholds).toEqual([{ stageId: 'prospecting', ownerId: null, sample: 13, p80Days: 10 }]);
    expect([bo.deals.map((d) => d.dealId), bo.judged, bo.notJudged]).toEqual([['S3'], 2, 2]);
    const web = await reportOf<StuckDealsReport>('stuck-deals', history, { asOf, source: 'web' });
    expect([web.deals.map((d) => d.dealId), web.judged, web.notJudged]).toEqual([['S3'], 1, 0]);
  });

  it('counts a visit for its owner at exit, and judges a deal by its current owner', async () => {
    const report = await reportOf<StuckDealsReport>(
      'stuck-deals',
      [
        ...history,
        reassign('P01', at(50), 'bo'), // after its prospecting visit ended: still ann's there
        open('S5', at(80), { ownerId: 'bo' }),
        reassign('S5', at(81), 'ann'),
      ],
      { asOf },
    );
    expect(report.thresholds.map((t) => [t.ownerId, t.sample])).toEqual([
      [null, 13],
      ['ann', 11],
    ]);
    // 20 days in prospecting, now ann's: judged on ann's threshold
    expect(report.deals[0]).toEqual(
      expect.objectContaining({
        dealId: 'S5',
        ownerId: 'ann',
        thresholdDays: 9,
        basis: 'owner',
        ratio: 20 / 9,
      }),
    );
  });

  it('counts every visit that ended on one day, whatever order they were recorded in', async () => {
    // Twelve deals leave prospecting on day 5, one an hour; the last three are recorded first.
    const moves = Array.from({ length: 12 }, (_, i) => move(`D${i + 1}`, at(5, i + 1), 'qualification'));
    const report = await reportOf<StuckDealsReport>(
      'stuck-deals',
      [
        ...Array.from({ length: 12 }, (_, i) => open(`D${i + 1}`, at(0))),
        ...moves.slice(9),
        ...moves.slice(0, 9),
        open('S1', at(6)),
      ],
      { asOf: at(12) },
    );
    // 5 days + 1..12 hours: rank 11 × 0.8 = 8.8, between 5d 9h and 5d 10h
    expect(report.thresholds).toEqual([
      { stageId: 'prospecting', ownerId: null, sample: 12, p80Days: 5 + 9.8 / 24 },
      { stageId: 'prospecting', ownerId: 'ann', sample: 12, p80Days: 5 + 9.8 / 24 },
    ]);
    expect(report.deals.map((d) => [d.dealId, d.ageDays])).toEqual([['S1', 6]]);
  });
});
