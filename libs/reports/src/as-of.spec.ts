import { afterEach, describe, expect, it } from '@jest/globals';
import { MemoryEventStore } from '@sales/event-store';
import { ALL_PROJECTIONS, ProjectionEngine } from '@sales/projections';
import { MemoryReadStore } from '@sales/read-store';
import { ReportRunner } from '@sales/query';
import type { DemoAction } from './demo/demo-actions.js';
import { historyEvents } from './demo/history-events.js';
import type { FunnelReport } from './funnel.report.js';
import type { QuotaAttainmentReport } from './quota-attainment.report.js';
import { leadHistory, quotaHistory } from './spec-support/fixtures.js';
import { at, move, NOW, open, pipeline } from './spec-support/history-dsl.js';
import { NO_PARAMS } from './spec-support/report-fixture.js';
import { appendAll } from './spec-support/stores.js';

// A report as of a past date: the read models as they stood then, read from the versions the
// projections keep, then the same loader and report function.
const engines: ProjectionEngine[] = [];
afterEach(async () => {
  for (const engine of engines.splice(0)) await engine.stop();
});

async function runnerOf(history: DemoAction[]) {
  const events = new MemoryEventStore();
  await appendAll(events, historyEvents(history, { now: NOW }));
  const store = new MemoryReadStore();
  const engine = new ProjectionEngine(ALL_PROJECTIONS, events, store);
  engines.push(engine);
  await engine.start();
  const names = ALL_PROJECTIONS.map((p) => p.name);
  const live = {
    store,
    serving: async (projection: string, minPosition: number | null) => {
      const head = Math.max((await events.headPosition()) ?? 0, minPosition ?? 0);
      if (!(await engine.waitFor(head, names, 10_000))) throw new Error('projections did not catch up');
      return engine.serving(projection) as never;
    },
  };
  return { events, runner: new ReportRunner(live, () => new Date(NOW)) };
}

describe('reports as of a past date', () => {
  it('see the leads and their status as they were', async () => {
    const { runner } = await runnerOf(leadHistory);
    const report = await runner.run({
      name: 'lead-conversion',
      params: { ...NO_PARAMS, from: at(0), to: at(30), asOf: at(3) },
      minPosition: null,
    });
    expect(report).toMatchObject({
      report: 'lead-conversion',
      from: at(0),
      to: at(30),
      asOf: at(3),
      // the log's head: the default pipeline, 11 lead actions, 3 of them conversions (+ DealOpened)
      position: 1 + 11 + 3,
      captured: 4, // L1–L4 (L4 at exactly asOf); L5 not yet
      converted: 1, // L2; L1 converts on day 4
      disqualified: 0, // L3 only on day 5
      open: 3,
    });
  });

  it('use the quota set by then, the wins by then and the owners then', async () => {
    const { runner } = await runnerOf(quotaHistory);
    const report = (await runner.run({
      name: 'quota-attainment',
      params: { ...NO_PARAMS, period: '2026-Q1', asOf: at(15) },
      minPosition: null,
    })) as unknown as QuotaAttainmentReport;
    expect(report.owners).toEqual([
      // 10 000 before its revision; Q1 won; Q5 2000, Q6 1500 (still ann's), Q9 500 (not lost yet)
      {
        key: 'ann',
        quota: 10000,
        wonAmount: 3000,
        attainment: 0.3,
        openPipeline: 4000,
        coverage: 4000 / 7000,
      },
      { key: 'bo', quota: 5000, wonAmount: 0, attainment: 0, openPipeline: 0, coverage: 0 },
      { key: 'fay', quota: 0, wonAmount: 0, attainment: null, openPipeline: 0, coverage: null },
    ]);
  });

  it('follow the pipeline definition in force then, and know no pipeline before its definition', async () => {
    const history = [
      pipeline('p2', 0, [
        ['x', 0.1],
        ['y', 0.9],
      ]),
      open('D1', at(1), { pipelineId: 'p2' }),
      move('D1', at(2), 'y'),
      pipeline('p2', 10, [
        ['x', 0.1],
        ['z', 0.5],
        ['y', 0.9],
      ]),
    ];
    const { runner } = await runnerOf(history);
    const funnel = async (asOf: string) =>
      (await runner.run({
        name: 'funnel',
        params: { ...NO_PARAMS, from: at(0), to: at(30), pipelineId: 'p2', asOf },
        minPosition: null,
      })) as unknown as FunnelReport;
    expect((await funnel(at(5))).stages.map((s) => [s.stageId, s.reached])).toEqual([
      ['x', 1],
      ['y', 1],
    ]);
    // D1 jumped from x to y: under the new order it passed z
    expect((await funnel(at(20))).stages.map((s) => [s.stageId, s.reached])).toEqual([
      ['x', 1],
      ['z', 1],
      ['y', 1],
    ]);
    await expect(funnel(at(-1))).rejects.toMatchObject({ code: 'UNKNOWN_PIPELINE' });
  });

  it('are cached until the read models move on', async () => {
    const { runner, events } = await runnerOf(leadHistory);
    const request = {
      name: 'lead-conversion' as const,
      params: { ...NO_PARAMS, from: at(0), to: at(30), asOf: at(3) },
      minPosition: 3,
    };
    const first = await runner.run(request);
    expect(await runner.run(request)).toBe(first);
    await appendAll(events, historyEvents([open('late', at(2))], { now: NOW, withDefaultPipeline: false }));
    const after = await runner.run(request);
    expect(after).not.toBe(first);
    expect(after.position).toBe(first.position + 1);
    expect(after.minPosition).toBe(3);
  });
});
