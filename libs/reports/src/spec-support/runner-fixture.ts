import { MemoryEventStore } from '@sales/event-store';
import { ALL_PROJECTIONS, ProjectionEngine } from '@sales/projections';
import { MemoryReadStore } from '@sales/read-store';
import { type ReportParams, ReportRunner } from '@sales/query';
import type { DemoAction } from '../demo/demo-actions.js';
import { historyEvents } from '../demo/history-events.js';
import type { ReportName } from '../report-names.js';
import { NOW } from './history-dsl.js';
import { NO_PARAMS } from './report-fixture.js';
import { recordAll } from './stores.js';

// events → a live projection engine (documents and their versions) → the ReportRunner, as the
// API runs it: for reports that read the read models at several instants. Each append is
// recorded at the latest business time reached so far, so later entries dated earlier are
// backdated and knownAt can leave them out. The echoed parameters are left off.
export async function reportAt<T = Record<string, unknown>>(
  name: ReportName,
  history: DemoAction[],
  params: Partial<ReportParams>,
): Promise<T> {
  const events = new MemoryEventStore();
  await recordAll(events, [...historyEvents(history, { now: NOW })]);
  const store = new MemoryReadStore();
  const engine = new ProjectionEngine(ALL_PROJECTIONS, events, store);
  await engine.start();
  try {
    const names = ALL_PROJECTIONS.map((p) => p.name);
    if (!(await engine.waitFor((await events.headPosition()) ?? 0, names, 10_000)))
      throw new Error('projections did not catch up');
    const live = { store, serving: async (projection: string) => engine.serving(projection) as never };
    const runner = new ReportRunner(live, () => new Date(NOW), { results: 0 });
    const report = await runner.run({ name, params: { ...NO_PARAMS, ...params }, minPosition: null });
    const echoed = new Set([
      'report',
      'from',
      'to',
      'asOf',
      'knownAt',
      'at',
      'ownerId',
      'source',
      'pipelineId',
      'minPosition',
      'position',
    ]);
    return Object.fromEntries(Object.entries(report).filter(([key]) => !echoed.has(key))) as T;
  } finally {
    await engine.stop();
  }
}
