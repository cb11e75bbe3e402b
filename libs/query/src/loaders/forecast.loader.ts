import { type DealDoc, DEALS } from '@sales/projections';
import { dateBounds, forecastReport, type ForecastParams, type ForecastRows } from '@sales/reports';
import { find, type ReportReads, stageOutcomes, stagesAt } from '../report-reads.js';
import { filters, type LoadParams, type ReportLoader, window } from './loader.js';

// Open deals expected to close in the window, off (status, expectedCloseDate); the pipeline's
// stage outcomes for p.
export async function forecastRows(
  reads: ReportReads,
  params: LoadParams,
): Promise<{ rows: ForecastRows; params: ForecastParams }> {
  const pipelineId = params.pipelineId as string;
  const { from, to } = window(params);
  const [stages, outcomes, deals] = await Promise.all([
    stagesAt(reads, pipelineId, params.asOf),
    stageOutcomes(reads, pipelineId),
    find<DealDoc>(reads, 'deals', DEALS, {
      where: { status: 'open', expectedCloseDate: dateBounds({ from, to }) },
      orderBy: [{ field: 'expectedCloseDate', direction: 'asc' }],
    }),
  ]);
  return { rows: { deals, stages, outcomes }, params: { from, to, ...filters(params), pipelineId } };
}

export const forecastLoader: ReportLoader = {
  projections: ['deals', 'reference', 'stage-outcomes'],
  load: async (reads, params) => {
    const { rows, params: p } = await forecastRows(reads, params);
    return forecastReport(rows, p);
  },
};
