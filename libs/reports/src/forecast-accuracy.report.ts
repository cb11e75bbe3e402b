import type { DealDoc } from '@sales/projections';
import {
  type ForecastParams,
  forecastPopulation,
  forecastReport,
  type ForecastRows,
} from './forecast.report.js';
import { sourceOf } from './keys.js';
import { money } from './money.js';
import { matchesFilters } from './params.js';
import { inWindow } from './period.js';
import { rate } from './rate.js';

// The most instants one report compares.
export const MAX_FORECAST_INSTANTS = 12;

export type ForecastAccuracyRows = {
  /** The forecast's rows as they stood at each instant, in the order asked for. */
  snapshots: readonly { at: string; rows: ForecastRows }[];
  /** Deals won (status at asOf) with closedAt in the window, any pipeline and owner. */
  won: readonly DealDoc[];
};
export type ForecastAccuracyParams = ForecastParams;

export type ForecastSnapshot = {
  at: string;
  deals: number;
  amount: number;
  weightedAmount: number;
  error: number;
  absPctError: number | null;
  wonFromForecast: { deals: number; amount: number };
};
export type ForecastAccuracyReport = {
  actual: { won: number; wonAmount: number };
  snapshots: ForecastSnapshot[];
};

// The forecast as it stood at each instant (the forecast report itself, as of that instant)
// against the deals won in the window: by the owner at close, in the pipeline.
export function forecastAccuracyReport(
  rows: ForecastAccuracyRows,
  params: ForecastAccuracyParams,
): ForecastAccuracyReport {
  const actual = new Map(
    rows.won
      .filter(
        (deal) =>
          deal.status === 'won' &&
          deal.pipelineId === params.pipelineId &&
          inWindow(deal.closedAt, params) &&
          matchesFilters(params, deal.closeOwnerId ?? deal.ownerId, sourceOf(deal)),
      )
      .map((deal) => [deal.dealId, deal.amountMinor]),
  );
  let wonMinor = 0;
  for (const amountMinor of actual.values()) wonMinor += amountMinor;

  const snapshots = rows.snapshots.map(({ at, rows: forecastRows }): ForecastSnapshot => {
    const { deals, amount, weightedAmount } = forecastReport(forecastRows, params);
    // The difference of the two figures as shown, in minor units.
    const errorMinor = Math.round(weightedAmount * 100) - wonMinor;
    const won = forecastPopulation(forecastRows, params).population.filter((deal) => actual.has(deal.dealId));
    let wonFromForecastMinor = 0;
    for (const deal of won) wonFromForecastMinor += actual.get(deal.dealId) as number;
    return {
      at,
      deals,
      amount,
      weightedAmount,
      error: money(errorMinor),
      absPctError: rate(Math.abs(errorMinor), wonMinor),
      wonFromForecast: { deals: won.length, amount: money(wonFromForecastMinor) },
    };
  });
  return { actual: { won: actual.size, wonAmount: money(wonMinor) }, snapshots };
}
