import type { DealDoc } from '@sales/projections';
import { closedDeals, closedGroupKey, type ClosedDealsParams } from './closed-deals.js';
import { compareKeys, groupRows } from './keys.js';
import { money } from './money.js';
import { rate } from './rate.js';

export type WinRateRows = { deals: readonly DealDoc[] };
export type WinRateParams = ClosedDealsParams;

export type LossReason = { reason: string; count: number; amount: number };
export type WinRateFigures = {
  won: number;
  lost: number;
  winRate: number | null;
  wonAmount: number;
  lostAmount: number;
  amountWinRate: number | null;
  lossReasons: LossReason[];
};
export type WinRateReport = WinRateFigures & { groups?: ({ key: string } & WinRateFigures)[] };

export function winRateReport(rows: WinRateRows, params: WinRateParams): WinRateReport {
  const population = closedDeals(rows.deals, params);
  const figures = winRateFigures(population);
  if (params.groupBy === null) return figures;
  return {
    ...figures,
    groups: groupRows(population, closedGroupKey(params.groupBy)).map(([key, deals]) => ({
      key,
      ...winRateFigures(deals),
    })),
  };
}

export function winRateFigures(deals: readonly DealDoc[]): WinRateFigures {
  let won = 0;
  let lost = 0;
  let wonMinor = 0;
  let lostMinor = 0;
  const reasons = new Map<string, { count: number; minor: number }>();
  for (const deal of deals) {
    if (deal.status === 'won') {
      won++;
      wonMinor += deal.amountMinor;
      continue;
    }
    lost++;
    lostMinor += deal.amountMinor;
    const reason = deal.lossReason ?? '';
    const entry = reasons.get(reason) ?? { count: 0, minor: 0 };
    entry.count++;
    entry.minor += deal.amountMinor;
    reasons.set(reason, entry);
  }
  return {
    won,
    lost,
    winRate: rate(won, won + lost),
    wonAmount: money(wonMinor),
    lostAmount: money(lostMinor),
    amountWinRate: rate(wonMinor, wonMinor + lostMinor),
    lossReasons: [...reasons.entries()]
      .sort(([a, x], [b, y]) => y.count - x.count || compareKeys(a, b))
      .map(([reason, { count, minor }]) => ({ reason, count, amount: money(minor) })),
  };
}
