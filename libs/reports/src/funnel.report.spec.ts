import { describe, expect, it } from '@jest/globals';
import type { FunnelReport } from './funnel.report.js';
import {
  at,
  capture,
  convert,
  lose,
  move,
  open,
  pipeline,
  reassign,
  reopen,
  win,
} from './spec-support/history-dsl.js';
import { reportOf } from './spec-support/report-fixture.js';

// Default pipeline: prospecting (0), qualification (1), quote (2), contract (3).
const history = [
  pipeline('enterprise', 0, [
    ['discovery', 0.1],
    ['negotiation', 0.8],
  ]),
  open('D1', at(1), { ownerId: 'ann', source: 'web' }),
  capture('L2', at(1), { ownerId: 'ann', source: 'webinar' }),
  move('D1', at(2), 'qualification'),
  convert('L2', 'D2', at(2)),
  move('D1', at(3), 'quote'),
  move('D2', at(3), 'qualification'),
  open('D3', at(3), { ownerId: 'bo', source: null }),
  move('D1', at(4), 'contract'),
  move('D2', at(4), 'quote'),
  lose('D3', at(4), 'timing'),
  open('D4', at(4), { ownerId: 'bo', source: 'web' }),
  win('D1', at(5)),
  move('D2', at(5), 'qualification'), // backward
  reassign('D4', at(5), 'cy'), // owner at opening stays bo
  lose('D2', at(6)),
  reopen('D3', at(6)), // open again, in prospecting
  move('D3', at(7), 'qualification'),
  open('D7', at(8), { ownerId: 'cy', source: 'ads' }),
  move('D7', at(9), 'contract'), // skips two stages
  open('D6', at(10), { pipelineId: 'enterprise' }), // another pipeline
  lose('D7', at(10)),
  open('D5', at(40)), // after the window
];
const window = { from: at(0), to: at(30) };

describe('funnel', () => {
  // Highest visited index: D1 won → 3, D2 → 2 (quote), D3 → 1, D4 → 0, D7 → 3.
  it('counts how far the deals opened in the window got', async () => {
    const report = await reportOf<FunnelReport>('funnel', history, window);
    expect(report).toEqual({
      deals: 5, // D1 D2 D3 D4 D7
      won: 1, // D1
      overallConversion: 1 / 5,
      bottleneck: 'contract', // conversions 0.8, 0.75, 0.67, 0.5
      stages: [
        { stageId: 'prospecting', reached: 5, conversion: 4 / 5, lost: 0, open: 1 }, // D4 open (D3 was reopened)
        { stageId: 'qualification', reached: 4, conversion: 3 / 4, lost: 1, open: 1 }, // D2 lost, D3 open
        { stageId: 'quote', reached: 3, conversion: 2 / 3, lost: 0, open: 0 }, // D1 D2 D7
        { stageId: 'contract', reached: 2, conversion: 1 / 2, lost: 1, open: 0 }, // D1 D7; won 1 of 2; D7 lost
      ],
    });
  });

  it('groups by owner at opening (a reassignment moves nothing) and by source (the lead’s)', async () => {
    const byOwner = await reportOf<FunnelReport>('funnel', history, { ...window, groupBy: 'owner' });
    expect(byOwner.groups?.map((g) => [g.key, g.deals, g.won, g.overallConversion, g.bottleneck])).toEqual([
      ['ann', 2, 1, 1 / 2, 'quote'], // D1, D2: reached 2 2 2 1 → conversions 1, 1, 1/2, 1/1
      ['bo', 2, 0, 0, 'qualification'], // D3, D4: reached 2 1 0 0 → conversions 1/2, 0/1, null, null
      ['cy', 1, 0, 0, 'contract'], // D7: reached 1 1 1 1 → conversions 1, 1, 1, 0/1
    ]);
    expect(byOwner.groups?.[1].stages.map((s) => [s.reached, s.conversion, s.open])).toEqual([
      [2, 1 / 2, 1],
      [1, 0, 1],
      [0, null, 0],
      [0, null, 0],
    ]);
    const cy = await reportOf<FunnelReport>('funnel', history, { ...window, ownerId: 'cy' });
    expect(cy.deals).toBe(1); // D7 only: D4 was opened by bo
    const bySource = await reportOf<FunnelReport>('funnel', history, { ...window, groupBy: 'source' });
    expect(bySource.groups?.map((g) => [g.key, g.deals])).toEqual([
      ['ads', 1], // D7
      ['unknown', 1], // D3: no lead, no source
      ['web', 2], // D1 D4
      ['webinar', 1], // D2, from lead L2
    ]);
  });

  it('breaks a tie for the bottleneck by the earlier stage, and is empty (nulls) without deals', async () => {
    // reached 4 2 1 1 and one win: conversions 2/4, 1/2, 1/1, 1/1 → prospecting and qualification tie.
    const tie = [
      open('A', at(100)),
      open('B', at(100)),
      open('C', at(100)),
      open('D', at(100)),
      move('C', at(101), 'qualification'),
      move('D', at(101), 'qualification'),
      move('D', at(102), 'quote'),
      win('D', at(103)),
    ];
    const report = await reportOf<FunnelReport>('funnel', tie, { from: at(100), to: at(110) });
    expect(report.stages.map((s) => s.conversion)).toEqual([2 / 4, 1 / 2, 1, 1]);
    expect(report.bottleneck).toBe('prospecting');
    const empty = await reportOf<FunnelReport>('funnel', tie, { from: at(200), to: at(210) });
    expect(empty).toMatchObject({ deals: 0, won: 0, overallConversion: null, bottleneck: null });
    expect(empty.stages.every((s) => s.reached === 0 && s.conversion === null)).toBe(true);
  });

  it('follows the order of the pipeline asked for, and refuses an unknown one', async () => {
    const enterprise = await reportOf<FunnelReport>('funnel', history, {
      ...window,
      pipelineId: 'enterprise',
    });
    expect(enterprise.stages.map((s) => [s.stageId, s.reached, s.open])).toEqual([
      ['discovery', 1, 1],
      ['negotiation', 0, 0],
    ]);
    await expect(reportOf('funnel', history, { ...window, pipelineId: 'nope' })).rejects.toMatchObject({
      code: 'UNKNOWN_PIPELINE',
    });
  });
});
