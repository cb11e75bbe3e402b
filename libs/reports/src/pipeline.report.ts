import type { DealDoc } from '@sales/projections';
import { daysBetween } from './durations.js';
import { money } from './money.js';
import { amounts, type OpenDealsRows, weightedOpenDeals } from './open-deals.js';
import type { Filters } from './params.js';
import { mean } from './stats.js';

export type PipelineRows = OpenDealsRows;
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
  const { probabilities, probability, open } = weightedOpenDeals(rows, params);
  const figures = (deals: readonly DealDoc[]): PipelineFigures => ({
    deals: deals.length,
    ...amounts(deals, probability),
    meanAgeDays: mean(deals.map((deal) => daysBetween(deal.visitEnteredAt, params.asOf))),
  });
  const inStage = new Map(
    probabilities.map(({ stageId }) => [stageId, open.filter((deal) => deal.stageId === stageId)]),
  );
  return {
    ...figures(open),
    stages: probabilities.map(({ stageId, used }) => ({
      stageId,
      probability: used,
      ...figures(inStage.get(stageId)!),
    })),
    oldest: probabilities.flatMap(({ stageId }) => oldestIn(stageId, inStage.get(stageId)!, params.asOf)),
  };
}
