import { describe, expect, it } from '@jest/globals';
import type { SlippageReport } from './slippage.report.js';
import { at, open, pipeline, reassign, update, win } from './spec-support/history-dsl.js';
import { reportOf } from './spec-support/report-fixture.js';

const history = [
  pipeline('enterprise', 0, [['discovery', 0.2]]),
  open('D1', at(1), { ownerId: 'ann', expectedCloseDate: '2026-03-01', source: 'web' }),
  open('D2', at(1), { ownerId: 'bo', expectedCloseDate: '2026-03-10' }),
  open('D3', at(1), { ownerId: 'cy', expectedCloseDate: '2026-03-05' }),
  open('E1', at(1), { ownerId: 'cy', pipelineId: 'enterprise', expectedCloseDate: '2026-04-01' }),
  update('D1', at(5), { expectedCloseDate: '2026-03-15' }), // before the window
  update('D1', at(10), { expectedCloseDate: '2026-03-31' }), // at from: in, +16 days, ann
  update('D2', at(11), { expectedCloseDate: '2026-03-13', amountMinor: 80_000 }), // +3 days, −200.00
  update('D1', at(12), { amountMinor: 150_000 }), // +500.00, ann
  update('D3', at(13), { expectedCloseDate: null }), // dropped: a push without days
  update('D3', at(14), { expectedCloseDate: '2026-02-20' }), // set again: a pull-in
  reassign('D1', at(15), 'bo'),
  update('D1', at(20), { expectedCloseDate: '2026-03-20' }), // −11 days: a pull-in, bo
  update('D1', at(25), { expectedCloseDate: '2026-04-30' }), // +41 days, bo
  update('E1', at(30), { expectedCloseDate: '2026-05-01', amountMinor: 100_050 }), // +30 days, +0.50
  update('D2', at(40), { expectedCloseDate: '2026-06-01' }), // at to: out
  win('D2', at(41)),
];
const window = { from: at(10), to: at(40) };

describe('slippage', () => {
  it('counts the close dates pushed and pulled in and the amounts changed, by the owner at the update', async () => {
    expect(await reportOf<SlippageReport>('slippage', history, window)).toEqual({
      pushes: 5, // D1 twice, D2, D3 (dropped), E1
      pullIns: 2, // D1 back 11 days, D3 set again
      daysPushed: 90, // 16 + 41 + 3 + 30; D3's drop has no date to count to
      amountIncreases: 2,
      amountDecreases: 1,
      increasedAmount: 500.5,
      decreasedAmount: 200,
      byOwner: [
        {
          key: 'ann',
          pushes: 1,
          pullIns: 0,
          daysPushed: 16,
          amountIncreases: 1,
          amountDecreases: 0,
          increasedAmount: 500,
          decreasedAmount: 0,
        },
        {
          key: 'bo',
          pushes: 2, // D1 after the reassignment, D2
          pullIns: 1,
          daysPushed: 44,
          amountIncreases: 0,
          amountDecreases: 1,
          increasedAmount: 0,
          decreasedAmount: 200,
        },
        {
          key: 'cy',
          pushes: 2,
          pullIns: 1,
          daysPushed: 30,
          amountIncreases: 1,
          amountDecreases: 0,
          increasedAmount: 0.5,
          decreasedAmount: 0,
        },
      ],
      deals: [
        {
          dealId: 'D1',
          ownerId: 'bo', // at its last update in the period
          pushes: 2,
          daysPushed: 57,
          firstExpectedCloseDate: '2026-03-15', // before the period's first update
          lastExpectedCloseDate: '2026-04-30',
        },
        {
          dealId: 'E1',
          ownerId: 'cy',
          pushes: 1,
          daysPushed: 30,
          firstExpectedCloseDate: '2026-04-01',
          lastExpectedCloseDate: '2026-05-01',
        },
        {
          dealId: 'D2',
          ownerId: 'bo',
          pushes: 1,
          daysPushed: 3,
          firstExpectedCloseDate: '2026-03-10',
          lastExpectedCloseDate: '2026-03-13',
        },
        {
          dealId: 'D3', // as many pushes as D2, fewer days
          ownerId: 'cy',
          pushes: 1,
          daysPushed: 0,
          firstExpectedCloseDate: '2026-03-05',
          lastExpectedCloseDate: '2026-02-20',
        },
      ],
    });
  });

  it('narrows to the pipeline, the owner at the update and the source', async () => {
    const enterprise = await reportOf<SlippageReport>('slippage', history, {
      ...window,
      pipelineId: 'enterprise',
    });
    expect(enterprise.deals.map((d) => d.dealId)).toEqual(['E1']);
    expect([enterprise.pushes, enterprise.daysPushed]).toEqual([1, 30]);
    const bo = await reportOf<SlippageReport>('slippage', history, { ...window, ownerId: 'bo' });
    expect(bo.deals).toEqual([
      expect.objectContaining({
        dealId: 'D1',
        pushes: 1,
        daysPushed: 41,
        firstExpectedCloseDate: '2026-03-31',
      }),
      expect.objectContaining({ dealId: 'D2', pushes: 1, daysPushed: 3 }),
    ]);
    expect([bo.pushes, bo.pullIns, bo.byOwner.map((o) => o.key)]).toEqual([2, 1, ['bo']]);
    const web = await reportOf<SlippageReport>('slippage', history, { ...window, source: 'web' });
    expect([web.pushes, web.pullIns, web.amountIncreases]).toEqual([2, 1, 1]); // D1 only
    const none = await reportOf<SlippageReport>('slippage', history, { from: at(100), to: at(200) });
    expect(none).toEqual({
      pushes: 0,
      pullIns: 0,
      daysPushed: 0,
      amountIncreases: 0,
      amountDecreases: 0,
      increasedAmount: 0,
      decreasedAmount: 0,
      byOwner: [],
      deals: [],
    });
  });

  it('lists at most 50 deals, most days pushed first', async () => {
    const many = Array.from({ length: 60 }, (_, i) => `M${String(i).padStart(2, '0')}`);
    const report = await reportOf<SlippageReport>(
      'slippage',
      [
        ...many.map((id) => open(id, at(1), { expectedCloseDate: '2026-03-01' })),
        ...many.map((id, i) =>
          update(id, at(10), { expectedCloseDate: `2026-04-${String((i % 28) + 1).padStart(2, '0')}` }),
        ),
      ],
      window,
    );
    expect(report.pushes).toBe(60);
    expect(report.deals).toHaveLength(50);
    // 1 March to 28 April: 58 days; ties by dealId
    expect(report.deals[0]).toEqual(expect.objectContaining({ dealId: 'M27', daysPushed: 58 }));
    expect(report.deals[1]).toEqual(expect.objectContaining({ dealId: 'M55', daysPushed: 58 }));
    // the 10 least pushed left out: 31, 32 and 33 days three deals each, and M59 of the 34-day ones
    expect(report.deals.slice(-2).map((d) => [d.dealId, d.daysPushed])).toEqual([
      ['M03', 34],
      ['M31', 34],
    ]);
  });
});
