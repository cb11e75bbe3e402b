import { describe, expect, it } from '@jest/globals';
import type { ForecastAccuracyReport } from './forecast-accuracy.report.js';
import type { ForecastReport } from './forecast.report.js';
import { at, move, open, pipeline, update, win, lose } from './spec-support/history-dsl.js';
import { reportAt } from './spec-support/runner-fixture.js';

// Pipeline fa: a 0.2, b 0.5, configured (no stage has 10 closed deals). Window March 2026.
const fa = { pipelineId: 'fa' };
const history = [
  pipeline('fa', 0, [
    ['a', 0.2],
    ['b', 0.5],
  ]),
  open('D1', at(1), { ...fa, expectedCloseDate: '2026-03-10' }),
  open('D2', at(1), { ...fa, expectedCloseDate: '2026-03-20', amountMinor: 200_000 }),
  open('D4', at(1), { ...fa, ownerId: 'bo', expectedCloseDate: '2026-05-01', amountMinor: 40_000 }),
  open('D5', at(1), { ...fa, expectedCloseDate: '2026-03-05', amountMinor: 30_000 }),
  open('D6', at(1), { expectedCloseDate: '2026-03-05' }), // pipeline default
  move('D1', at(20), 'b'),
  open('D3', at(30), { ...fa, expectedCloseDate: '2026-02-15', amountMinor: 50_000 }),
  update('D3', at(40), { expectedCloseDate: '2026-03-25' }),
  win('D4', at(60)), // won in the window, never forecast in it
  win('D1', at(65), 120_000),
  lose('D2', at(70)),
  win('D3', at(80)),
  win('D6', at(81)), // another pipeline
  win('D5', at(95)), // won after the window
];
const window = { ...fa, from: '2026-03-01', to: '2026-04-01' };

describe('forecast-accuracy', () => {
  it('sets the forecast as it stood at each instant against what was won in the window', async () => {
    const report = await reportAt<ForecastAccuracyReport>('forecast-accuracy', history, {
      ...window,
      at: [at(10), at(50)],
    });
    expect(report).toEqual({
      actual: { won: 3, wonAmount: 2100 }, // D1 1200 (as won), D3 500, D4 400
      snapshots: [
        {
          // D1 1000, D2 2000, D5 300, all in a: 3300 · 0.2
          at: at(10),
          deals: 3,
          amount: 3300,
          weightedAmount: 660,
          error: -1440,
          absPctError: 1440 / 2100,
          wonFromForecast: { deals: 1, amount: 1200 }, // D1
        },
        {
          // D1 in b 1000 · 0.5, D2 2000 · 0.2, D3 (now due in March) 500 · 0.2, D5 300 · 0.2
          at: at(50),
          deals: 4,
          amount: 3800,
          weightedAmount: 1060,
          error: -1040,
          absPctError: 1040 / 2100,
          wonFromForecast: { deals: 2, amount: 1700 }, // D1, D3
        },
      ],
    });
  });

  it('takes each snapshot from the forecast report as of that instant', async () => {
    const instants = [at(10), at(31), at(50), at(62)];
    const report = await reportAt<ForecastAccuracyReport>('forecast-accuracy', history, {
      ...window,
      ownerId: 'ann',
      at: instants,
    });
    for (const [i, instant] of instants.entries()) {
      const forecast = await reportAt<ForecastReport>('forecast', history, {
        ...window,
        ownerId: 'ann',
        asOf: instant,
      });
      const { deals, amount, weightedAmount } = report.snapshots[i];
      expect({ instant, deals, amount, weightedAmount }).toEqual({
        instant,
        deals: forecast.deals,
        amount: forecast.amount,
        weightedAmount: forecast.weightedAmount,
      });
    }
    expect(report.actual).toEqual({ won: 2, wonAmount: 1700 }); // D4 is bo's
  });

  it('has no percentage error when nothing was won', async () => {
    const report = await reportAt<ForecastAccuracyReport>('forecast-accuracy', history, {
      ...fa,
      from: '2026-06-01',
      to: '2026-07-01',
      at: [at(10)],
    });
    expect(report).toEqual({
      actual: { won: 0, wonAmount: 0 },
      snapshots: [
        {
          at: at(10),
          deals: 0,
          amount: 0,
          weightedAmount: 0,
          error: 0,
          absPctError: null,
          wonFromForecast: { deals: 0, amount: 0 },
        },
      ],
    });
  });

  it.each([
    ['no instant', []],
    ['an instant at to', [at(10), '2026-04-01T00:00:00.000Z']],
    ['an instant after asOf', ['2026-03-15T00:00:00.000Z']],
    ['13 instants', Array.from({ length: 13 }, (_, i) => at(i))],
  ])('refuses %s', async (_what, instants) => {
    await expect(
      reportAt('forecast-accuracy', history, { ...window, at: instants, asOf: at(70) }),
    ).rejects.toMatchObject({ code: 'VALIDATION_FAILED' });
  });
});
