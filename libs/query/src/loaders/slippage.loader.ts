import { DEAL_CHANGES, type DealChangeDoc } from '@sales/projections';
import { slippageReport } from '@sales/reports';
import { find, stagesAt, windowQuery } from '../report-reads.js';
import { filters, type ReportLoader, window } from './loader.js';

// The updates in the window, off (pipelineId, occurredAt) for one pipeline, else off occurredAt.
export const slippageLoader: ReportLoader = {
  projections: ['deal-changes', 'reference'],
  load: async (reads, params) => {
    const { from, to } = window(params);
    const { pipelineId } = params;
    if (pipelineId !== null) await stagesAt(reads, pipelineId, params.asOf);
    const changes = await find<DealChangeDoc>(
      reads,
      'deal-changes',
      DEAL_CHANGES,
      windowQuery('occurredAt', from, to, pipelineId === null ? {} : { pipelineId }),
    );
    return slippageReport({ changes }, { from, to, ...filters(params), pipelineId });
  },
};
