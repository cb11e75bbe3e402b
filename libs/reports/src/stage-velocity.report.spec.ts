import { describe, expect, it } from '@jest/globals';
import type { StageVelocityReport } from './stage-velocity.report.js';
import { at, lose, move, open, reassign, reopen, win } from './spec-support/history-dsl.js';
import { reportOf } from './spec-support/report-fixture.js';

const history = [
  open('V1', at(0), { ownerId: 'ann' }),
  open('V2', at(1), { ownerId: 'bo' }),
  move('V1', at(2), 'qualification'), // prospecting 2 days, forward
  open('V4', at(3), { ownerId: 'ann', source: 'web' }),
  lose('V4', at(3, 12)), // prospecting 0.5 days, lost
  move('V2', at(4), 'qualification'), // prospecting 3 days, forward
  move('V1', at(5), 'quote'), // qualification 3 days, forward
  move('V1', at(6), 'qualification'), // quote 1 day, backward
  lose('V2', at(7)), // qualification 3 days, lost (owner bo)
  reopen('V2', at(9)), // a new, open visit of qualification
  move('V1', at(10), 'quote'), // qualification 4 days, forward
  reassign('V2', at(11), 'cy'), // the open visit is cy's now
  move('V1', at(12), 'contract'), // quote 2 days, forward
  win('V1', at(20)), // contract 8 days, won
  open('V3', at(25), { ownerId: 'cy' }),
  move('V3', at(35), 'qualification'), // exit after the window: not counted; open since day 35
];
const params = { from: at(0), to: at(30), asOf: at(40) };
const stats = (mean: number, median: number, p90: number) => ({ mean, median, p90 });

describe('stage velocity', () => {
  it('measures the visits that ended in the window, and the visits open at asOf', async () => {
    const report = await reportOf<StageVelocityReport>('stage-velocity', history, params);
    expect(report.stages).toEqual([
      {
        stageId: 'prospecting',
        exits: 3, // V1 (2 d, forward), V2 (3 d, forward), V4 (0.5 d, lost)
        advanced: 2,
        lost: 1,
        movedBack: 0,
        conversion: 2 / 3,
        // sorted 0.5, 2, 3: p90 at rank (3−1)·0.9 = 1.8 → 2 + 0.8·(3 − 2)
        daysInStage: stats((0.5 + 2 + 3) / 3, 2, 2 + 0.8 * (3 - 2)),
        open: { count: 0, meanAgeDays: null },
      },
      {
        stageId: 'qualification',
        exits: 3, // V1 3 d forward, V1 4 d forward, V2 3 d lost
        advanced: 2,
        lost: 1,
        movedBack: 0,
        conversion: 2 / 3,
        daysInStage: stats((3 + 3 + 4) / 3, 3, 3 + 0.8 * (4 - 3)),
        // V2 since day 9 (31 days at day 40), V3 since day 35 (5 days)
        open: { count: 2, meanAgeDays: (31 + 5) / 2 },
      },
      {
        stageId: 'quote',
        exits: 2, // V1 1 d backward, V1 2 d forward
        advanced: 1,
        lost: 0,
        movedBack: 1,
        conversion: 1 / 2,
        daysInStage: stats(1.5, 1.5, 1 + 0.9 * (2 - 1)), // p90 at rank 0.9
        open: { count: 0, meanAgeDays: null },
      },
      {
        stageId: 'contract',
        exits: 1, // V1 8 d, won
        advanced: 1,
        lost: 0,
        movedBack: 0,
        conversion: 1,
        daysInStage: stats(8, 8, 8),
        open: { count: 0, meanAgeDays: null },
      },
    ]);
    expect(report.transitions).toEqual([
      { from: 'prospecting', to: 'qualification', count: 2 },
      { from: 'prospecting', to: 'lost', count: 1 },
      { from: 'qualification', to: 'quote', count: 2 },
      { from: 'qualification', to: 'lost', count: 1 },
      { from: 'quote', to: 'qualification', count: 1 },
      { from: 'quote', to: 'contract', count: 1 },
      { from: 'contract', to: 'won', count: 1 },
    ]);
  });

  it('groups exits by the owner at the exit and open visits by the current owner', async () => {
    const report = await reportOf<StageVelocityReport>('stage-velocity', history, {
      ...params,
      groupBy: 'owner',
    });
    const summary = (key: string) =>
      report.groups
        ?.find((g) => g.key === key)
        ?.stages.map((s) => [s.stageId, s.exits, s.open.count, s.daysInStage.median]);
    expect(report.groups?.map((g) => g.key)).toEqual(['ann', 'bo', 'cy']);
    expect(summary('ann')).toEqual([
      ['prospecting', 2, 0, 1.25], // V1 2 d, V4 0.5 d
      ['qualification', 2, 0, 3.5], // V1 3 d and 4 d
      ['quote', 2, 0, 1.5],
      ['contract', 1, 0, 8],
    ]);
    expect(summary('bo')).toEqual([
      ['prospecting', 1, 0, 3], // V2 before its reassignment
      ['qualification', 1, 0, 3], // V2's loss
      ['quote', 0, 0, null],
      ['contract', 0, 0, null],
    ]);
    expect(summary('cy')).toEqual([
      ['prospecting', 0, 0, null],
      ['qualification', 0, 2, null], // V2 (reassigned to cy) and V3, both open
      ['quote', 0, 0, null],
      ['contract', 0, 0, null],
    ]);
    const bySource = await reportOf<StageVelocityReport>('stage-velocity', history, {
      ...params,
      groupBy: 'source',
    });
    expect(bySource.groups?.map((g) => [g.key, g.stages[0].exits])).toEqual([
      ['unknown', 2],
      ['web', 1], // V4
    ]);
  });

  it('is all zeros and nulls when nothing left a stage in the window', async () => {
    const report = await reportOf<StageVelocityReport>('stage-velocity', history, {
      from: at(100),
      to: at(101),
      asOf: at(40),
    });
    expect(report.transitions).toEqual([]);
    expect(report.stages[0]).toEqual({
      stageId: 'prospecting',
      exits: 0,
      advanced: 0,
      lost: 0,
      movedBack: 0,
      conversion: null,
      daysInStage: { mean: null, median: null, p90: null },
      open: { count: 0, meanAgeDays: null },
    });
  });
});
