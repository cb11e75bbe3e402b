import { type DealDoc, DEALS } from '@sales/projections';
import { pipelineReport } from '@sales/reports';
import { find, stageOutcomes, stagesAt } from '../report-reads.js';
import { filters, type ReportLoader } from './loader.js';

// The pipeline's open deals, off (status, pipelineId, stageId): as many rows as deals are open
// there, whatever the history behind them.
export const pipelineLoader: ReportLoader = {
  projections: ['deals', 'reference', 'stage-outcomes'],
  load: async (reads, params) => {
    const pipelineId = params.pipelineId as string;
    const [stages, outcomes, deals] = await Promise.all([
      stagesAt(reads, pipelineId, params.asOf),
      stageOutcomes(reads, pipelineId),
      find<DealDoc>(reads, 'deals', DEALS, { where: { status: 'open', pipelineId } }),
    ]);
    return pipelineReport({ deals, stages, outcomes }, { ...filters(params), pipelineId, asOf: params.asOf });
  },
};
