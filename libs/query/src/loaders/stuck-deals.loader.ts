import { type DealDoc, DEALS, VISIT_DURATIONS, type VisitDurationsDoc } from '@sales/projections';
import { DAY_MS, stuckDealsReport } from '@sales/reports';
import { find, stagesAt } from '../report-reads.js';
import { filters, type ReportLoader } from './loader.js';

// The pipeline's open deals, off (status, pipelineId, stageId); the days of visit durations that
// the lookback touches, off (pipelineId, day) in its order (no sort).
export const stuckDealsLoader: ReportLoader = {
  projections: ['deals', 'stage-visits', 'reference'],
  load: async (reads, params) => {
    const pipelineId = params.pipelineId as string;
    const lookbackDays = params.lookbackDays as number;
    const since = new Date(Date.parse(params.asOf) - lookbackDays * DAY_MS).toISOString();
    const [stages, deals, durations] = await Promise.all([
      stagesAt(reads, pipelineId, params.asOf),
      find<DealDoc>(reads, 'deals', DEALS, { where: { status: 'open', pipelineId } }),
      find<VisitDurationsDoc>(reads, 'stage-visits', VISIT_DURATIONS, {
        where: { pipelineId, day: { gte: since.slice(0, 10), lte: params.asOf.slice(0, 10) } },
        orderBy: [{ field: 'day', direction: 'asc' }],
      }),
    ]);
    return stuckDealsReport(
      { deals, durations, stages },
      { ...filters(params), pipelineId, asOf: params.asOf, lookbackDays },
    );
  },
};
