import { type DealDoc, DEALS } from '@sales/projections';
import { cycleTimeReport, winRateReport } from '@sales/reports';
import { find, type ReportReads, stagesAt, windowQuery } from '../report-reads.js';
import { filters, type LoadParams, type ReportLoader, window } from './loader.js';

// Deals closed in the window, off the closedAt index (the pipeline is checked on the rows: an
// equality on it could steer the planner to a pipeline index that walks the whole history).
async function closedDealRows(reads: ReportReads, params: LoadParams) {
  const { from, to } = window(params);
  if (params.pipelineId !== null) await stagesAt(reads, params.pipelineId, params.asOf);
  const deals = await find<DealDoc>(reads, 'deals', DEALS, windowQuery('closedAt', from, to));
  return {
    rows: { deals },
    params: { from, to, ...filters(params), pipelineId: params.pipelineId, groupBy: params.groupBy },
  };
}

export const cycleTimeLoader: ReportLoader = {
  projections: ['deals', 'reference'],
  load: async (reads, params) => {
    const { rows, params: p } = await closedDealRows(reads, params);
    return cycleTimeReport(rows, p);
  },
};

export const winRateLoader: ReportLoader = {
  projections: ['deals', 'reference'],
  load: async (reads, params) => {
    const { rows, params: p } = await closedDealRows(reads, params);
    return winRateReport(rows, p);
  },
};
