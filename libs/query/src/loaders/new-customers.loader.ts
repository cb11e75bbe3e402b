import { type AccountDoc, ACCOUNTS } from '@sales/projections';
import { newCustomersReport } from '@sales/reports';
import { find, stagesAt, windowQuery } from '../report-reads.js';
import { filters, type ReportLoader, window } from './loader.js';

// Accounts whose first win is in the window, off the firstWonAt index.
export const newCustomersLoader: ReportLoader = {
  projections: ['accounts', 'reference'],
  load: async (reads, params) => {
    const { from, to } = window(params);
    if (params.pipelineId !== null) await stagesAt(reads, params.pipelineId, params.asOf);
    const accounts = await find<AccountDoc>(reads, 'accounts', ACCOUNTS, windowQuery('firstWonAt', from, to));
    return newCustomersReport({ accounts }, { from, to, ...filters(params), pipelineId: params.pipelineId });
  },
};
