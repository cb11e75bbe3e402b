import { type AccountDoc, ACCOUNTS, type DealDoc, DEALS } from '@sales/projections';
import { customerValueReport } from '@sales/reports';
import { find, windowQuery } from '../report-reads.js';
import { filters, type ReportLoader, window } from './loader.js';

// Account ids per query: a bounded `in` list, each off the accountId index.
const ACCOUNTS_PER_READ = 500;

// The cohort off the firstWonAt index, then the deals of its accounts off the accountId index.
export const customerValueLoader: ReportLoader = {
  projections: ['accounts', 'deals'],
  load: async (reads, params) => {
    const { from, to } = window(params);
    const accounts = await find<AccountDoc>(reads, 'accounts', ACCOUNTS, windowQuery('firstWonAt', from, to));
    const ids = accounts.map((account) => account.accountId);
    const chunks: string[][] = [];
    for (let i = 0; i < ids.length; i += ACCOUNTS_PER_READ) chunks.push(ids.slice(i, i + ACCOUNTS_PER_READ));
    const deals = (
      await Promise.all(
        chunks.map((chunk) => find<DealDoc>(reads, 'deals', DEALS, { where: { accountId: { in: chunk } } })),
      )
    ).flat();
    return customerValueReport({ accounts, deals }, { from, to, ...filters(params), asOf: params.asOf });
  },
};
