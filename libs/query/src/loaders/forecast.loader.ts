import { type DealDoc, DEALS } from '@sales/projections';
import { dateBounds, forecastReport } from '@sales/reports';
import { find, stageOutcomes, stagesAt } from '../report-reads.js';
import { filters, type ReportLoader, window } from './loader.js';

// Open deals expected to close in the window, off (status, expectedCloseDate); the pipeline's
// stage outcomes for p.
export const forecastLoader: ReportLoader = {
  projections: ['deals', 'reference', 'stage-outcomes'],
  load: async (reads, params) => {
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
    return forecastReport({ deals, stages, outcomes }, { from, to, ...filters(params), pipelineId });
  },
};
