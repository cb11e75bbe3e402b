import type { AccountDoc, DealDoc } from '@sales/projections';
import { compareKeys, groupRows, sourceOf } from './keys.js';
import { money } from './money.js';
import { matchesFilters, type WindowParams } from './params.js';
import { inWindow } from './period.js';
import { rate } from './rate.js';

export type CustomerValueRows = {
  /** accounts, at least those whose first win is in the window */
  accounts: readonly AccountDoc[];
  /** deals of those accounts, any status */
  deals: readonly DealDoc[];
};
export type CustomerValueParams = WindowParams & { asOf: string };

export type CustomerValueFigures = {
  accounts: number;
  lifetimeValue: number;
  avgLifetimeValue: number | null;
  repeatRate: number | null;
};
export type CustomerValueAccount = {
  accountId: string;
  wins: number;
  lifetimeValue: number;
  firstWonAt: string;
  lastWonAt: string;
};
export type CustomerValueReport = CustomerValueFigures & {
  bySource: (CustomerValueFigures & { key: string })[];
  byOwner: (CustomerValueFigures & { key: string })[];
  top: CustomerValueAccount[];
};

const TOP = 20;

type Customer = { account: AccountDoc; wins: number; valueMinor: number; lastWonAt: string };

function figures(customers: readonly Customer[]): CustomerValueFigures {
  const total = customers.reduce((sum, c) => sum + c.valueMinor, 0);
  return {
    accounts: customers.length,
    lifetimeValue: money(total),
    avgLifetimeValue: customers.length === 0 ? null : money(total / customers.length),
    repeatRate: rate(customers.filter((c) => c.wins >= 2).length, customers.length),
  };
}

// Population: the new-customers cohort — accounts whose earliest won deal closed in [from, to),
// by that deal's owner at close and source. Lifetime value: the final amounts of every deal of the
// account won by asOf (the deals as they stand at asOf).
export function customerValueReport(
  rows: CustomerValueRows,
  params: CustomerValueParams,
): CustomerValueReport {
  const wonByAccount = new Map(
    groupRows(
      rows.deals.filter((deal) => deal.status === 'won' && (deal.closedAt as string) <= params.asOf),
      (deal) => deal.accountId,
    ),
  );
  const customers: Customer[] = rows.accounts
    .filter(
      (account) =>
        inWindow(account.firstWonAt, params) &&
        account.firstWonAt <= params.asOf &&
        matchesFilters(params, account.ownerId, sourceOf(account)),
    )
    .map((account) => {
      const won = wonByAccount.get(account.accountId) ?? [];
      return {
        account,
        wins: won.length,
        valueMinor: won.reduce((sum, deal) => sum + deal.amountMinor, 0),
        lastWonAt: won.reduce((last, deal) => {
          const closedAt = deal.closedAt as string;
          return closedAt > last ? closedAt : last;
        }, account.firstWonAt),
      };
    });
  const top = [...customers]
    .sort((a, b) => b.valueMinor - a.valueMinor || compareKeys(a.account.accountId, b.account.accountId))
    .slice(0, TOP)
    .map((c) => ({
      accountId: c.account.accountId,
      wins: c.wins,
      lifetimeValue: money(c.valueMinor),
      firstWonAt: c.account.firstWonAt,
      lastWonAt: c.lastWonAt,
    }));
  return {
    ...figures(customers),
    bySource: groupRows(customers, (c) => sourceOf(c.account)).map(([key, group]) => ({
      key,
      ...figures(group),
    })),
    byOwner: groupRows(customers, (c) => c.account.ownerId).map(([key, group]) => ({
      key,
      ...figures(group),
    })),
    top,
  };
}
