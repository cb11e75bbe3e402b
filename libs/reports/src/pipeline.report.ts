import type { DealDoc, StageOutcomeDoc } from '@sales/projections';
import { daysBetween } from './durations.js';
import { sourceOf } from './keys.js';
import { money } from './money.js';
import { type Filters, matchesFilters } from './params.js';
import type { StageDefinition } from './pipeline-at.js';
import { stageProbabilities } from './probabilities.js';
import { mean } from './stats.js';

export type PipelineRows = {
  deals: readonly DealDoc[];
  stages: readonly StageDefinition[];
  outcomes: readonly StageOutcomeDoc[];
};
export type PipelineParams = Filters & { pipelineId: string; asOf: string };

export type PipelineFigures = {
  deals: number;
  amount: number;
  weightedAmount: number;
  meanAgeDays: number | null;
};
export type OldestDeal = {
  stageId: string;
  dealId: string;
  title: string;
  ownerId: string;
  amount: number;
  ageDays: number;
};
export type PipelineReport = PipelineFigures & {
  stages: ({ stageId: string; probability: number } & PipelineFigures)[];
  /** per stage, in pipeline order, the deals longest in their current visit (ties by dealId) */
  oldest: OldestDeal[];
};

export const OLDEST_PER_STAGE = 5;

function oldestIn(stageId: string, deals: readonly DealDoc[], asOf: string): OldestDeal[] {
  return [...deals]
    .sort((a, b) =>
      a.visitEnteredAt !== b.visitEnteredAt
        ? a.visitEnteredAt < b.visitEnteredAt
          ? -1
          : 1
        : a.dealId < b.dealId
          ? -1
          : a.dealId > b.dealId
            ? 1
            : 0,
    )
    .slice(0, OLDEST_PER_STAGE)
    .map((deal) => ({
      stageId,
      dealId: deal.dealId,
      title: deal.title,
      ownerId: deal.ownerId,
      amount: money(deal.amountMinor),
      ageDays: daysBetween(deal.visitEnteredAt, asOf),
    }));
}

// Population: deals open at asOf in the pipeline, by the current owner; age = time in the current
// visit; p as in the forecast.
export function pipelineReport(rows: PipelineRows, params: PipelineParams): PipelineReport {
  const probabilities = stageProbabilities(
    rows.stages,
    rows.outcomes.filter((o) => o.pipelineId === params.pipelineId),
  );
  const p = new Map(probabilities.map((s) => [s.stageId, s.used]));
  const population = rows.deals.filter(
    (deal) =>
      deal.status === 'open' &&
      deal.pipelineId === params.pipelineId &&
      matchesFilters(params, deal.ownerId, sourceOf(deal)),
  );
  const figures = (deals: readonly DealDoc[]): PipelineFigures => {
    let minor = 0;
    let weighted = 0;
    const ages: number[] = [];
    for (const deal of deals) {
      minor += deal.amountMinor;
      // A stage missing from the definition in force cannot be weighted: it counts as 0.
      weighted += deal.amountMinor * (p.get(deal.stageId) ?? 0);
      ages.push(daysBetween(deal.visitEnteredAt, params.asOf));
    }
    return {
      deals: deals.length,
      amount: money(minor),
      weightedAmount: money(weighted),
      meanAgeDays: mean(ages),
    };
  };
  const inStage = new Map(
    probabilities.map(({ stageId }) => [stageId, population.filter((deal) => deal.stageId === stageId)]),
  );
  return {
    ...figures(population),
    stages: probabilities.map(({ stageId, used }) => ({
      stageId,
      probability: used,
      ...figures(inStage.get(stageId)!),
    })),
    oldest: probabilities.flatMap(({ stageId }) => oldestIn(stageId, inStage.get(stageId)!, params.asOf)),
  };
}
