import type { DealDoc, StageOutcomeDoc } from '@sales/projections';
import { sourceOf } from './keys.js';
import { money } from './money.js';
import { type Filters, matchesFilters } from './params.js';
import type { StageDefinition } from './pipeline-at.js';
import { type StageProbability, stageProbabilities } from './probabilities.js';

export type OpenDealsRows = {
  deals: readonly DealDoc[];
  stages: readonly StageDefinition[];
  outcomes: readonly StageOutcomeDoc[];
};

export type WeightedOpenDeals = {
  probabilities: StageProbability[];
  /** p(stage) as used (historical with enough sample, else configured); absent for unknown stages */
  probability: Map<string, number>;
  /** open at asOf, in the pipeline, matching the filters by the current owner */
  open: DealDoc[];
};

// What the forecast and the pipeline report share: the deals open at asOf in the pipeline (by
// their current owner) and the probability of each stage of the definition in force.
export function weightedOpenDeals(
  rows: OpenDealsRows,
  params: Filters & { pipelineId: string },
): WeightedOpenDeals {
  const probabilities = stageProbabilities(
    rows.stages,
    rows.outcomes.filter((o) => o.pipelineId === params.pipelineId),
  );
  return {
    probabilities,
    probability: new Map(probabilities.map((s) => [s.stageId, s.used])),
    open: rows.deals.filter(
      (deal) =>
        deal.status === 'open' &&
        deal.pipelineId === params.pipelineId &&
        matchesFilters(params, deal.ownerId, sourceOf(deal)),
    ),
  };
}

/** Σ amount and Σ amount × p(stage), rounded to money; a stage missing from the definition in
 * force cannot be weighted: it counts as 0. */
export function amounts(
  deals: readonly DealDoc[],
  probability: ReadonlyMap<string, number>,
): { amount: number; weightedAmount: number } {
  let minor = 0;
  let weighted = 0;
  for (const deal of deals) {
    minor += deal.amountMinor;
    weighted += deal.amountMinor * (probability.get(deal.stageId) ?? 0);
  }
  return { amount: money(minor), weightedAmount: money(weighted) };
}
