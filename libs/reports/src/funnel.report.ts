import type { DealDoc } from '@sales/projections';
import { groupRows, sourceOf } from './keys.js';
import { type GroupBy, matchesFilters, type WindowParams } from './params.js';
import { inWindow } from './period.js';
import { type StageDefinition, stageIndexes } from './pipeline-at.js';
import { rate } from './rate.js';

export type FunnelRows = { deals: readonly DealDoc[]; stages: readonly StageDefinition[] };
export type FunnelParams = WindowParams & { pipelineId: string; groupBy: GroupBy | null };

export type FunnelStage = {
  stageId: string;
  reached: number;
  conversion: number | null;
  lost: number;
  open: number;
};
export type FunnelFigures = {
  deals: number;
  won: number;
  overallConversion: number | null;
  bottleneck: string | null;
  stages: FunnelStage[];
};
export type FunnelReport = FunnelFigures & { groups?: ({ key: string } & FunnelFigures)[] };

// Population: deals opened in [from, to) in the pipeline; owner = owner at opening.
export function funnelReport(rows: FunnelRows, params: FunnelParams): FunnelReport {
  const population = rows.deals.filter(
    (deal) =>
      deal.pipelineId === params.pipelineId &&
      inWindow(deal.openedAt, params) &&
      matchesFilters(params, deal.openOwnerId, sourceOf(deal)),
  );
  const figures = funnelFigures(population, rows.stages);
  if (params.groupBy === null) return figures;
  const keyOf = params.groupBy === 'owner' ? (deal: DealDoc) => deal.openOwnerId : sourceOf;
  return {
    ...figures,
    groups: groupRows(population, keyOf).map(([key, deals]) => ({
      key,
      ...funnelFigures(deals, rows.stages),
    })),
  };
}

export function funnelFigures(deals: readonly DealDoc[], stages: readonly StageDefinition[]): FunnelFigures {
  const index = stageIndexes(stages);
  const last = stages.length - 1;
  // highest[k]: deals whose highest visited index is k (won deals reached every stage).
  const highest = new Array<number>(stages.length).fill(0);
  const lost = new Array<number>(stages.length).fill(0);
  const open = new Array<number>(stages.length).fill(0);
  let won = 0;
  for (const deal of deals) {
    let top = -1;
    if (deal.status === 'won') {
      won++;
      top = last;
    } else {
      for (const stageId of deal.visitedStageIds) top = Math.max(top, index.get(stageId) ?? -1);
    }
    if (top >= 0) highest[top]++;
    const current = index.get(deal.stageId);
    if (current === undefined) continue;
    if (deal.status === 'lost') lost[current]++;
    else if (deal.status === 'open') open[current]++;
  }
  const reached = new Array<number>(stages.length);
  let atLeast = 0;
  for (let i = last; i >= 0; i--) {
    atLeast += highest[i];
    reached[i] = atLeast;
  }
  const figures: FunnelStage[] = stages.map((stage, i) => ({
    stageId: stage.id,
    reached: reached[i],
    conversion: i < last ? rate(reached[i + 1], reached[i]) : rate(won, reached[i]),
    lost: lost[i],
    open: open[i],
  }));
  let bottleneck: FunnelStage | null = null;
  for (const stage of figures) {
    if (stage.reached === 0 || stage.conversion === null) continue;
    if (bottleneck === null || stage.conversion < (bottleneck.conversion as number)) bottleneck = stage;
  }
  return {
    deals: deals.length,
    won,
    overallConversion: rate(won, deals.length),
    bottleneck: bottleneck?.stageId ?? null,
    stages: figures,
  };
}
