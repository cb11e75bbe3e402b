import { ALL_PROJECTIONS, type ProjectedEvent, replay } from '@sales/projections';
import { type GenerationRef, MemoryReadStore } from '@sales/read-store';
import { REPORT_LOADERS, type ReportParams, type ReportReads, withDefaults } from '@sales/query';
import type { DemoAction } from '../demo/demo-actions.js';
import type { ReportName } from '../report-names.js';
import { eventsOf, NOW } from './history-dsl.js';

export async function readModelsOf(events: ProjectedEvent[]): Promise<ReportReads> {
  const store = new MemoryReadStore();
  const refs = await replay(ALL_PROJECTIONS, events, store);
  return {
    store,
    ref: (projection) => refs.get(projection) as GenerationRef,
    at: () => {
      throw new Error('replayed read models keep no versions: run a report over instants with reportAt');
    },
  };
}

export const NO_PARAMS: ReportParams = {
  from: null,
  to: null,
  period: null,
  asOf: null,
  knownAt: null,
  ownerId: null,
  source: null,
  pipelineId: null,
  groupBy: null,
  lookbackDays: null,
};

// events → the real projections (replay) → the app's loader → the report function.
export async function reportOf<T = Record<string, unknown>>(
  name: ReportName,
  history: DemoAction[],
  params: Partial<ReportParams>,
): Promise<T> {
  const reads = await readModelsOf(eventsOf(history));
  const full = withDefaults(name, { ...NO_PARAMS, ...params });
  return (await REPORT_LOADERS[name].load(reads, { ...full, asOf: full.asOf ?? NOW })) as T;
}
