import type { AccountDoc } from '@sales/projections';
import { groupRows, sourceOf } from './keys.js';
import { money } from './money.js';
import { matchesFilters, type WindowParams } from './params.js';
import { inWindow } from './period.js';

export type NewCustomersRows = { accounts: readonly AccountDoc[] };
export type NewCustomersParams = WindowParams & { pipelineId: string | null };

export type CustomerCount = { key: string; count: number; amount: number };
export type NewCustomersReport = {
  count: number;
  amount: number;
  bySource: CustomerCount[];
  byOwner: CustomerCount[];
};

// Population: accounts whose earliest won deal (by closedAt) closed in [from, to); its amount,
// source and owner at close. With a pipeline: accounts whose earliest won deal is in it.
export function newCustomersReport(rows: NewCustomersRows, params: NewCustomersParams): NewCustomersReport {
  const population = rows.accounts.filter(
    (account) =>
      inWindow(account.firstWonAt, params) &&
      (params.pipelineId === null || account.pipelineId === params.pipelineId) &&
      matchesFilters(params, account.ownerId, sourceOf(account)),
  );
  const counted = (accounts: readonly AccountDoc[]) => ({
    count: accounts.length,
    amount: money(accounts.reduce((sum, account) => sum + account.amountMinor, 0)),
  });
  return {
    ...counted(population),
    bySource: groupRows(population, sourceOf).map(([key, accounts]) => ({ key, ...counted(accounts) })),
    byOwner: groupRows(population, (account) => account.ownerId).map(([key, accounts]) => ({
      key,
      ...counted(accounts),
    })),
  };
}
