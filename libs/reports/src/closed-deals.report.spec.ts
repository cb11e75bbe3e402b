import { describe, expect, it } from '@jest/globals';
import type { CycleTimeReport } from './cycle-time.report.js';
import {
  at,
  capture,
  convert,
  lose,
  open,
  pipeline,
  reassign,
  reopen,
  win,
} from './spec-support/history-dsl.js';
import { reportOf } from './spec-support/report-fixture.js';
import type { WinRateReport } from './win-rate.report.js';

const history = [
  pipeline('enterprise', 0, [['discovery', 0.2]]),
  capture('L1', at(0), { ownerId: 'ann', source: 'webinar' }),
  open('W6', at(0), { ownerId: 'ann' }),
  open('W2', at(1), { ownerId: 'ann', source: 'web', amountMinor: 40_000 }),
  open('W8', at(1), { ownerId: 'ann', amountMinor: 10_000 }),
  convert('L1', 'W1', at(2), { amountMinor: 90_000 }), // start = the lead's capture, day 0
  lose('W8', at(2), 'budget'), // 1 day
  open('W9', at(2), { ownerId: 'ann', amountMinor: 15_000 }),
  open('W3', at(3), { ownerId: 'bo', amountMinor: 30_000 }),
  lose('W9', at(3), 'authority'), // 1 day
  open('W4', at(4), { ownerId: 'bo' }),
  open('W5', at(5), { ownerId: 'cy', amountMinor: 10_025 }),
  win('W2', at(5), 50_050), // 4 days, final amount 500.50
  reassign('W5', at(6), 'bo'),
  lose('W4', at(8), 'timing'),
  lose('W3', at(9)), // 6 days, price
  win('W1', at(10), 120_000), // 10 days from the capture
  lose('W5', at(11)), // 6 days, price, owner at close bo
  reopen('W4', at(12)), // open again: out of the population
  open('W7', at(20), { ownerId: 'cy', pipelineId: 'enterprise', amountMinor: 80_000 }),
  win('W7', at(25)), // 5 days
  lose('W6', at(35)), // after the window
];
const window = { from: at(0), to: at(30) };

describe('cycle time', () => {
  it('measures closedAt − start for the deals won and lost in the window', async () => {
    expect(await reportOf<CycleTimeReport>('cycle-time', history, window)).toEqual({
      // won W2 4, W7 5, W1 10: p90 at rank 1.8 → 5 + 0.8·(10 − 5)
      won: { count: 3, days: { mean: (4 + 5 + 10) / 3, median: 5, p90: 5 + 0.8 * (10 - 5) } },
      // lost W8 1, W9 1, W3 6, W5 6 (W4 was reopened): median at rank 1.5 → 1 + 0.5·5; p90 at 2.7 → 6
      lost: { count: 4, days: { mean: (1 + 1 + 6 + 6) / 4, median: 3.5, p90: 6 } },
    });
  });

  it('narrows to a pipeline, and groups by the owner at the close', async () => {
    const defaults = await reportOf<CycleTimeReport>('cycle-time', history, {
      ...window,
      pipelineId: 'default',
    });
    expect(defaults.won).toEqual({ count: 2, days: { mean: 7, median: 7, p90: 4 + 0.9 * 6 } }); // W2 4, W1 10
    const grouped = await reportOf<CycleTimeReport>('cycle-time', history, { ...window, groupBy: 'owner' });
    expect(grouped.groups?.map((g) => [g.key, g.won.count, g.lost.count])).toEqual([
      ['ann', 2, 2], // W1 W2 won, W8 W9 lost
      ['bo', 0, 2], // W3, and W5 (opened by cy)
      ['cy', 1, 0], // W7
    ]);
  });
});

describe('win rate', () => {
  it('counts wins and losses, by count and by amount, and ranks the loss reasons', async () => {
    expect(await reportOf<WinRateReport>('win-rate', history, window)).toEqual({
      won: 3,
      lost: 4,
      winRate: 3 / 7,
      wonAmount: 2500.5, // 1200.00 + 500.50 + 800.00
      lostAmount: 650.25, // 300.00 + 100.25 + 100.00 + 150.00
      amountWinRate: 250_050 / (250_050 + 65_025),
      lossReasons: [
        { reason: 'price', count: 2, amount: 400.25 }, // W3, W5
        { reason: 'authority', count: 1, amount: 150 }, // ties on count: by reason
        { reason: 'budget', count: 1, amount: 100 },
      ],
    });
  });

  it('groups by source and gives null rates when nothing closed', async () => {
    const grouped = await reportOf<WinRateReport>('win-rate', history, { ...window, groupBy: 'source' });
    expect(grouped.groups?.map((g) => [g.key, g.won, g.lost, g.winRate])).toEqual([
      ['unknown', 1, 4, 1 / 5], // W7; W3 W5 W8 W9
      ['web', 1, 0, 1], // W2
      ['webinar', 1, 0, 1], // W1, from its lead
    ]);
    expect(await reportOf<WinRateReport>('win-rate', history, { from: at(100), to: at(200) })).toEqual({
      won: 0,
      lost: 0,
      winRate: null,
      wonAmount: 0,
      lostAmount: 0,
      amountWinRate: null,
      lossReasons: [],
    });
  });
});
