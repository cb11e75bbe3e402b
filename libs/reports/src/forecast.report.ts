import type { DealDoc, StageOutcomeDoc } from '@sales/projections';
import { groupRows, sourceOf } from './keys.js';
import { money } from './money.js';
import { matchesFilters, type WindowParams } from './params.js';
import { dateInWindow } from './period.js';
import type { StageDefinition } from './pipeline-at.js';
import { type StageProbability, stageProbabilities } from './probabilities.js';

export type ForecastRows = {
  deals: readonly DealDoc[];
  stages: readonly StageDefinition[];
  outcomes: readonly StageOutcomeDoc[];
};
export type ForecastParams = WindowParams & { pipelineId: string };

export type ForecastFigures = { deals: number; amount: number; weightedAmount: number };
export type ForecastReport = ForecastFigures & {
  months: ({ key: string } & ForecastFigures)[];
  stageProbabilities: StageProbability[];
};

// Population: deals open at asOf in the pipeline with expectedCloseDate in [from, to), by the
// current owner. weighted = Σ amount × p(current stage); p is the pipeline's, whoever the owner.
export function forecastReport(rows: ForecastRows, params: ForecastParams): ForecastReport {
  const probabilities = stageProbabilities(
    rows.stages,
    rows.outcomes.filter((o) => o.pipelineId === params.pipelineId),
  );
  const p = new Map(probabilities.map((s) => [s.stageId, s.used]));
  const population = rows.deals.filter(
    (deal) =>
      deal.status === 'open' &&
      deal.pipelineId === params.pipelineId &&
      dateInWindow(deal.expectedCloseDate, params) &&
      matchesFilters(params, deal.ownerId, sourceOf(deal)),
  );
  const figures = (deals: readonly DealDoc[]): ForecastFigures => {
    let minor = 0;
    let weighted = 0;
    for (const deal of deals) {
      minor += deal.amountMinor;
      // A stage missing from the definition in force cannot be weighted: it counts as 0.
      weighted += deal.amountMinor * (p.get(deal.stageId) ?? 0);
    }
    return { deals: deals.length, amount: money(minor), weightedAmount: money(weighted) };
  };
  return {
    ...figures(population),
    months: groupRows(population, (deal) => (deal.expectedCloseDate as string).slice(0, 7)).map(
      ([key, deals]) => ({ key, ...figures(deals) }),
    ),
    stageProbabilities: probabilities,
  };
}
