import { describe, expect, it } from '@jest/globals';
import type { DemoAction } from './demo/demo-actions.js';
import type { ForecastReport } from './forecast.report.js';
import { OLDEST_PER_STAGE, type PipelineReport } from './pipeline.report.js';
import { at, lose, move, open, pipeline, reassign, reopen, update, win } from './spec-support/history-dsl.js';
import { reportOf } from './spec-support/report-fixture.js';

// Pipeline fc: a 0.1, b 0.3, c 0.6, d 0.9 (configured).
const closedHistory: DemoAction[] = [];
for (let i = 1; i <= 9; i++) {
  const id = `H${i}`;
  closedHistory.push(open(id, at(1), { pipelineId: 'fc' }), move(id, at(2), 'b'), move(id, at(3), 'c'));
  closedHistory.push(...(i <= 4 ? [move(id, at(4), 'd'), win(id, at(5))] : [lose(id, at(4))]));
}
const fc = { pipelineId: 'fc' };
export const forecastHistory: DemoAction[] = [
  pipeline('fc', 0, [
    ['a', 0.1],
    ['b', 0.3],
    ['c', 0.6],
    ['d', 0.9],
  ]),
  ...closedHistory,
  open('F7', at(1), { ...fc, expectedCloseDate: '2026-04-01' }),
  move('F7', at(2), 'c'),
  win('F7', at(3)), // closed: out of the forecast, in the outcomes
  open('F1', at(10), { ...fc, expectedCloseDate: '2026-03-15', amountMinor: 100_000 }),
  open('F2', at(10), { ...fc, ownerId: 'bo', expectedCloseDate: '2026-03-31', amountMinor: 200_000 }),
  open('F3', at(10), { ...fc, expectedCloseDate: '2026-04-10', amountMinor: 50_000 }),
  open('F4', at(10), { ...fc, expectedCloseDate: '2026-05-31', amountMinor: 33_333 }),
  open('F5', at(10), { ...fc, expectedCloseDate: '2026-06-01', amountMinor: 100_000 }),
  open('F6', at(10), { ...fc, expectedCloseDate: '2026-02-28', amountMinor: 100_000 }),
  open('F8', at(10), { ...fc, expectedCloseDate: '2026-04-20', amountMinor: 10_000 }),
  open('F9', at(10), { ...fc, expectedCloseDate: '2026-07-01', amountMinor: 40_000 }),
  open('F10', at(10), { expectedCloseDate: '2026-04-01' }), // pipeline default
  move('F2', at(11), 'b'),
  move('F2', at(12), 'c'),
  move('F3', at(13), 'd'),
  reassign('F3', at(14), 'bo'),
  move('F4', at(15), 'b'),
  move('F6', at(16), 'b'),
  move('F8', at(17), 'c'),
  lose('F8', at(18)),
  reopen('F8', at(20)), // open again in c; its loss no longer counts in the outcomes
  update('F9', at(21), { expectedCloseDate: '2026-05-01' }),
  update('F9', at(22), { amountMinor: 45_000 }),
];
// Closed deals of fc that visited each stage (F8's loss was taken back by its reopening):
//   a: H1–H9, F7 = 10, won H1–H4, F7 = 5 → 0.5, used (10 ≥ 10)
//   b: H1–H9 = 9, won 4 → 4/9, not used (9 < 10): 0.3
//   c: H1–H9, F7 = 10, won 5 → 0.5, used
//   d: H1–H4 = 4, won 4 → 1, not used: 0.9
const probabilities = [
  { stageId: 'a', sample: 10, historical: 0.5, used: 0.5 },
  { stageId: 'b', sample: 9, historical: 4 / 9, used: 0.3 },
  { stageId: 'c', sample: 10, historical: 0.5, used: 0.5 },
  { stageId: 'd', sample: 4, historical: 1, used: 0.9 },
];

describe('forecast', () => {
  it('weights the open deals expected to close in the window by the probability of their stage', async () => {
    const report = await reportOf<ForecastReport>('forecast', forecastHistory, {
      ...fc,
      from: '2026-03-01T00:00:00.000Z',
      to: '2026-06-01T00:00:00.000Z',
      asOf: at(100),
    });
    expect(report).toEqual({
      deals: 6, // F1 F2 F3 F4 F8 F9 (F5 ends on `to`, F6 before `from`, F7 won, F10 elsewhere)
      amount: 4383.33, // 1000 + 2000 + 500 + 333.33 + 100 + 450
      // 1000·0.5 + 2000·0.5 + 500·0.9 + 333.33·0.3 + 100·0.5 + 450·0.5 = 2324.999
      weightedAmount: 2325,
      months: [
        { key: '2026-03', deals: 2, amount: 3000, weightedAmount: 1500 }, // F1 F2
        { key: '2026-04', deals: 2, amount: 600, weightedAmount: 500 }, // F3 (0.9), F8 (0.5)
        { key: '2026-05', deals: 2, amount: 783.33, weightedAmount: 325 }, // F4 99.999 + F9 225
      ],
      stageProbabilities: probabilities,
    });
  });

  it('narrows to the current owner', async () => {
    const bo = await reportOf<ForecastReport>('forecast', forecastHistory, {
      ...fc,
      ownerId: 'bo',
      from: '2026-03-01',
      to: '2026-06-01',
    });
    // F2 (2000 in c) and F3 (500 in d, reassigned to bo)
    expect([bo.deals, bo.amount, bo.weightedAmount]).toEqual([2, 2500, 2000 * 0.5 + 500 * 0.9]);
  });
});

describe('pipeline', () => {
  it('sums the open deals by stage, weighted as in the forecast, with their age in the current visit', async () => {
    const report = await reportOf<PipelineReport>('pipeline', forecastHistory, { ...fc, asOf: at(100) });
    expect(report).toEqual({
      deals: 8,
      amount: 6383.33, // 2450 + 1333.33 + 2100 + 500
      weightedAmount: 3125, // 245 000·0.5 + 133 333·0.3 + 210 000·0.5 + 50 000·0.9 = 312 499.9 minor
      meanAgeDays: (90 + 88 + 87 + 85 + 90 + 84 + 80 + 90) / 8,
      stages: [
        // F1, F5 since day 10, F9 since day 10: 1000 + 1000 + 450
        { stageId: 'a', probability: 0.5, deals: 3, amount: 2450, weightedAmount: 1225, meanAgeDays: 90 },
        // F4 since day 15, F6 since day 16: (33 333 + 100 000)·0.3 = 39 999.9 minor
        { stageId: 'b', probability: 0.3, deals: 2, amount: 1333.33, weightedAmount: 400, meanAgeDays: 84.5 },
        // F2 since day 12, F8 since its reopening on day 20
        { stageId: 'c', probability: 0.5, deals: 2, amount: 2100, weightedAmount: 1050, meanAgeDays: 84 },
        { stageId: 'd', probability: 0.9, deals: 1, amount: 500, weightedAmount: 450, meanAgeDays: 87 }, // F3
      ],
      // Per stage in pipeline order, the longest in their current visit first (ties by dealId)
      oldest: [
        { stageId: 'a', dealId: 'F1', title: 'F1', ownerId: 'ann', amount: 1000, ageDays: 90 },
        { stageId: 'a', dealId: 'F5', title: 'F5', ownerId: 'ann', amount: 1000, ageDays: 90 },
        { stageId: 'a', dealId: 'F9', title: 'F9', ownerId: 'ann', amount: 450, ageDays: 90 },
        { stageId: 'b', dealId: 'F4', title: 'F4', ownerId: 'ann', amount: 333.33, ageDays: 85 },
        { stageId: 'b', dealId: 'F6', title: 'F6', ownerId: 'ann', amount: 1000, ageDays: 84 },
        { stageId: 'c', dealId: 'F2', title: 'F2', ownerId: 'bo', amount: 2000, ageDays: 88 },
        { stageId: 'c', dealId: 'F8', title: 'F8', ownerId: 'ann', amount: 100, ageDays: 80 },
        { stageId: 'd', dealId: 'F3', title: 'F3', ownerId: 'bo', amount: 500, ageDays: 87 },
      ],
    });
  });

  it(`lists at most ${OLDEST_PER_STAGE} oldest deals per stage`, async () => {
    const history = [pipeline('one', 0, [['x', 0.4]])];
    for (let day = 1; day <= 7; day++) history.push(open(`O${day}`, at(day), { pipelineId: 'one' }));
    const report = await reportOf<PipelineReport>('pipeline', history, { pipelineId: 'one', asOf: at(10) });
    expect(report.oldest.map((d) => [d.dealId, d.ageDays])).toEqual([
      ['O1', 9],
      ['O2', 8],
      ['O3', 7],
      ['O4', 6],
      ['O5', 5],
    ]);
  });

  it('counts nothing in a pipeline without open deals, and refuses an unknown pipeline', async () => {
    const report = await reportOf<PipelineReport>('pipeline', [pipeline('empty', 0, [['x', 0.4]])], {
      pipelineId: 'empty',
    });
    expect(report).toEqual({
      deals: 0,
      amount: 0,
      weightedAmount: 0,
      meanAgeDays: null,
      stages: [{ stageId: 'x', probability: 0.4, deals: 0, amount: 0, weightedAmount: 0, meanAgeDays: null }],
      oldest: [],
    });
    await expect(reportOf('pipeline', [], { pipelineId: 'nope' })).rejects.toMatchObject({
      code: 'UNKNOWN_PIPELINE',
    });
  });
});
