import type { DealDoc } from '@sales/projections';
import { closedDeals, closedGroupKey, type ClosedDealsParams } from './closed-deals.js';
import { daysBetween } from './durations.js';
import { groupRows } from './keys.js';
import { type Stats, stats } from './stats.js';

export type CycleTimeRows = { deals: readonly DealDoc[] };
export type CycleTimeParams = ClosedDealsParams;

export type CycleTimeFigures = {
  won: { count: number; days: Stats };
  lost: { count: number; days: Stats };
};
export type CycleTimeReport = CycleTimeFigures & { groups?: ({ key: string } & CycleTimeFigures)[] };

// days = closedAt − start (the lead's capture for a converted deal, else the opening).
export function cycleTimeReport(rows: CycleTimeRows, params: CycleTimeParams): CycleTimeReport {
  const population = closedDeals(rows.deals, params);
  const figures = cycleTimeFigures(population);
  if (params.groupBy === null) return figures;
  return {
    ...figures,
    groups: groupRows(population, closedGroupKey(params.groupBy)).map(([key, deals]) => ({
      key,
      ...cycleTimeFigures(deals),
    })),
  };
}

export function cycleTimeFigures(deals: readonly DealDoc[]): CycleTimeFigures {
  const won: number[] = [];
  const lost: number[] = [];
  for (const deal of deals)
    (deal.status === 'won' ? won : lost).push(daysBetween(deal.start, deal.closedAt as string));
  return { won: { count: won.length, days: stats(won) }, lost: { count: lost.length, days: stats(lost) } };
}
