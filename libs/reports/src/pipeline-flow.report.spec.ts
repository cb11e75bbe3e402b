import { describe, expect, it } from '@jest/globals';
import type { PipelineFlowReport } from './pipeline-flow.report.js';
import { at, lose, open, pipeline, reassign, reopen, update, win } from './spec-support/history-dsl.js';
import { reportAt as reportOf } from './spec-support/runner-fixture.js';

// Window (day 10, day 20]; every deal of `default` is ann's at 1000 unless said otherwise.
const history = [
  pipeline('other', 0, [['x', 0.5]]),
  open('S1', at(1)), // unchanged
  open('S2', at(1)),
  open('S3', at(1)),
  open('W1', at(1), { amountMinor: 200_000 }),
  open('L1', at(2), { amountMinor: 30_000 }),
  open('R1', at(1), { amountMinor: 10_000 }),
  open('M1', at(1), { ownerId: 'bo', amountMinor: 40_000 }),
  open('O1', at(1), { amountMinor: 50_000 }),
  open('P1', at(1), { amountMinor: 80_000, expectedCloseDate: '2026-01-15' }), // day 14, before to
  open('X1', at(1), { pipelineId: 'other' }), // another pipeline
  open('C0', at(1)),
  open('W2', at(1)),
  win('C0', at(5)), // closed before from
  lose('R1', at(5)),
  win('W2', at(10)), // closed exactly at from: not open then
  open('E2', at(10)), // opened exactly at from: open then
  open('OC1', at(11)),
  open('OC2', at(11)),
  open('A1', at(12), { amountMinor: 70_000 }),
  update('S3', at(12), { amountMinor: 60_000 }),
  win('OC1', at(13)),
  reassign('M1', at(14), 'ann'),
  reassign('O1', at(14), 'bo'),
  update('S2', at(15), { amountMinor: 150_000 }),
  win('W1', at(15), 250_000), // amount at from counts: 2000
  reopen('R1', at(15)),
  update('P1', at(16), { expectedCloseDate: '2026-02-01' }), // day 31, on or after to: pushed
  lose('OC2', at(18)),
  lose('L1', at(19)),
  open('E1', at(20)), // opened exactly at to: open then
  open('LATE', at(21)),
];
const window = { from: at(10), to: at(20) };

const identity = (r: PipelineFlowReport) =>
  Math.round(
    (r.start.amount + r.added.amount + r.movedIn.amount + r.increased.amount) * 100 -
      (r.decreased.amount + r.won.amount + r.lost.amount + r.movedOut.amount) * 100,
  ) / 100;

describe('pipeline-flow', () => {
  it('puts every deal open at from or at to in one movement, amounts at from for those that left', async () => {
    const report = await reportOf<PipelineFlowReport>('pipeline-flow', history, window);
    expect(report).toEqual({
      // S1 S2 S3 W1 L1 M1 O1 P1 E2: 1000·4 (S1 S2 S3 E2) + 2000 + 300 + 400 + 500 + 800
      start: { deals: 9, amount: 8000 },
      // S1 1000, S2 1500, S3 600, M1 400, O1 500, P1 800, E2 1000, A1 700, R1 100, E1 1000
      end: { deals: 10, amount: 7600 },
      added: { deals: 3, amount: 1800 }, // A1 700, R1 reopened 100, E1 1000
      movedIn: { deals: 0, amount: 0 },
      won: { deals: 1, amount: 2000 }, // W1, as it stood at from
      lost: { deals: 1, amount: 300 }, // L1
      movedOut: { deals: 0, amount: 0 },
      increased: { deals: 1, amount: 500 }, // S2
      decreased: { deals: 1, amount: 400 }, // S3
      pushed: { deals: 1, amount: 800 }, // P1
      openedAndClosed: { won: 1, lost: 1 }, // OC1, OC2
    });
    expect(identity(report)).toBe(report.end.amount);
  });

  it('moves deals reassigned across the owner filter in and out, by the owner at each instant', async () => {
    const ann = await reportOf<PipelineFlowReport>('pipeline-flow', history, { ...window, ownerId: 'ann' });
    expect(ann).toMatchObject({
      start: { deals: 8, amount: 7600 }, // M1 was bo's
      end: { deals: 9, amount: 7100 }, // O1 is bo's
      added: { deals: 3, amount: 1800 },
      movedIn: { deals: 1, amount: 400 }, // M1, amount at to
      movedOut: { deals: 1, amount: 500 }, // O1, amount at from
      won: { deals: 1, amount: 2000 },
      lost: { deals: 1, amount: 300 },
      openedAndClosed: { won: 1, lost: 1 },
    });
    expect(identity(ann)).toBe(ann.end.amount);
    const bo = await reportOf<PipelineFlowReport>('pipeline-flow', history, { ...window, ownerId: 'bo' });
    expect(bo).toMatchObject({
      start: { deals: 1, amount: 400 },
      end: { deals: 1, amount: 500 },
      movedIn: { deals: 1, amount: 500 },
      movedOut: { deals: 1, amount: 400 },
      added: { deals: 0, amount: 0 },
      openedAndClosed: { won: 0, lost: 0 },
    });
  });

  it('reads each instant as recorded by knownAt: a backdated change counts only once known', async () => {
    // recorded on day 21, dated day 15
    const backdated = [...history, update('S1', at(15), { amountMinor: 120_000 })];
    const known = await reportOf<PipelineFlowReport>('pipeline-flow', backdated, window);
    expect([known.increased, known.end]).toEqual([
      { deals: 2, amount: 700 }, // S2 500, S1 200
      { deals: 10, amount: 7800 },
    ]);
    const before = await reportOf<PipelineFlowReport>('pipeline-flow', backdated, {
      ...window,
      knownAt: at(20, 12),
    });
    expect([before.increased, before.end]).toEqual([
      { deals: 1, amount: 500 },
      { deals: 10, amount: 7600 },
    ]);
  });

  it('follows the pipeline asked for', async () => {
    const other = await reportOf<PipelineFlowReport>('pipeline-flow', history, {
      ...window,
      pipelineId: 'other',
    });
    expect([other.start, other.end]).toEqual([
      { deals: 1, amount: 1000 },
      { deals: 1, amount: 1000 },
    ]);
    await expect(reportOf('pipeline-flow', history, { ...window, pipelineId: 'nope' })).rejects.toMatchObject(
      { code: 'UNKNOWN_PIPELINE' },
    );
  });

  it('refuses a to later than asOf, and a to not later than from', async () => {
    await expect(reportOf('pipeline-flow', history, { ...window, asOf: at(19) })).rejects.toMatchObject({
      code: 'VALIDATION_FAILED',
    });
    await expect(reportOf('pipeline-flow', history, { from: at(20), to: at(20) })).rejects.toMatchObject({
      code: 'VALIDATION_FAILED',
    });
  });
});
