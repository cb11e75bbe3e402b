import type { DealDoc } from '@sales/projections';
import { groupRows } from './keys.js';
import { amounts, type OpenDealsRows, weightedOpenDeals } from './open-deals.js';
import type { WindowParams } from './params.js';
import { dateInWindow } from './period.js';
import type { StageProbability } from './probabilities.js';

export type ForecastRows = OpenDealsRows;
export type ForecastParams = WindowParams & { pipelineId: string };

export type ForecastFigures = { deals: number; amount: number; weightedAmount: number };
export type ForecastReport = ForecastFigures & {
  months: ({ key: string } & ForecastFigures)[];
  stageProbabilities: StageProbability[];
};

// Population: deals open at asOf in the pipeline with expectedCloseDate in [from, to), by the
// current owner.
export function forecastPopulation(rows: ForecastRows, params: ForecastParams) {
  const { probabilities, probability, open } = weightedOpenDeals(rows, params);
  return {
    probabilities,
    probability,
    population: open.filter((deal) => dateInWindow(deal.expectedCloseDate, params)),
  };
}

// weighted = Σ amount × p(current stage); p is the pipeline's, whoever the owner.
export function forecastReport(rows: ForecastRows, params: ForecastParams): ForecastReport {
  const { probabilities, probability, population } = forecastPopulation(rows, params);
  const figures = (deals: readonly DealDoc[]): ForecastFigures => ({
    deals: deals.length,
    ...amounts(deals, probability),
  });
  return {
    ...figures(population),
    months: groupRows(population, (deal) => (deal.expectedCloseDate as string).slice(0, 7)).map(
      ([key, deals]) => ({ key, ...figures(deals) }),
    ),
    stageProbabilities: probabilities,
  };
}
