import { type DealDoc, DEALS } from '@sales/projections';
import { funnelReport } from '@sales/reports';
import { find, stagesAt, windowQuery } from '../report-reads.js';
import { filters, type ReportLoader, window } from './loader.js';

// Deals opened in the window, off the (pipelineId, openedAt) index.
export const funnelLoader: ReportLoader = {
  projections: ['deals', 'reference'],
  load: async (reads, params) => {
    const pipelineId = params.pipelineId as string;
    const { from, to } = window(params);
    const [stages, deals] = await Promise.all([
      stagesAt(reads, pipelineId, params.asOf),
      find<DealDoc>(reads, 'deals', DEALS, windowQuery('openedAt', from, to, { pipelineId })),
    ]);
    return funnelReport(
      { deals, stages },
      { from, to, ...filters(params), pipelineId, groupBy: params.groupBy },
    );
  },
};
