import type { DealDoc, VisitDurationsDoc } from '@sales/projections';
import { DAY_MS, daysBetween } from './durations.js';
import { compareKeys, sortedKeys, sourceOf } from './keys.js';
import { type Filters, matchesFilters } from './params.js';
import { percentileOf } from './percentile.js';
import type { StageDefinition } from './pipeline-at.js';

export type StuckDealsRows = {
  /** open deals of the pipeline */
  deals: readonly DealDoc[];
  /** the pipeline's days of completed visits, at least the days of the lookback */
  durations: readonly VisitDurationsDoc[];
  stages: readonly StageDefinition[];
};
export type StuckDealsParams = Filters & { pipelineId: string; asOf: string; lookbackDays: number };

export type StageThreshold = { stageId: string; ownerId: string | null; sample: number; p80Days: number };
export type StuckDeal = {
  dealId: string;
  ownerId: string;
  stageId: string;
  ageDays: number;
  thresholdDays: number;
  basis: 'owner' | 'stage';
  /** ageDays / thresholdDays; null when the threshold is 0 days (any age exceeds it) */
  ratio: number | null;
};
export type StuckDealsReport = {
  thresholds: StageThreshold[];
  deals: StuckDeal[];
  judged: number;
  notJudged: number;
};

// A threshold needs this many completed visits behind it.
export const MIN_THRESHOLD_SAMPLE = 10;

// The lengths in days of the visits completed in the lookback, per stage and per stage × owner at
// exit: one pass over the days' tuples, checking the exit time only on a day the lookback cuts.
type Samples = { all: number[]; byOwner: Map<string, number[]> };
function lookbackSamples(
  days: readonly VisitDurationsDoc[],
  pipelineId: string,
  lookback: { from: string; to: string },
): Map<string, Samples> {
  const [from, to] = [Date.parse(lookback.from), Date.parse(lookback.to)];
  const byStage = new Map<string, Samples>();
  for (const day of days) {
    if (day.pipelineId !== pipelineId) continue;
    const start = Date.parse(`${day.day}T00:00:00.000Z`);
    const whole = start >= from && start + DAY_MS <= to;
    for (const [stageId, ownerId, exitMsOfDay, durationMs] of day.visits) {
      if (!whole && (start + exitMsOfDay < from || start + exitMsOfDay >= to)) continue;
      let stage = byStage.get(stageId);
      if (!stage) byStage.set(stageId, (stage = { all: [], byOwner: new Map() }));
      const length = durationMs / DAY_MS;
      stage.all.push(length);
      const own = stage.byOwner.get(ownerId);
      if (own) own.push(length);
      else stage.byOwner.set(ownerId, [length]);
    }
  }
  return byStage;
}

const threshold = (stageId: string, ownerId: string | null, days: number[]): StageThreshold => ({
  stageId,
  ownerId,
  sample: days.length,
  p80Days: percentileOf(days, 0.8) as number,
});

// Infinitely over (a 0-day threshold) first, then by ratio, then by dealId.
const byRatio = (a: StuckDeal, b: StuckDeal) =>
  (a.ratio === null ? -1 : 0) - (b.ratio === null ? -1 : 0) ||
  (b.ratio ?? 0) - (a.ratio ?? 0) ||
  compareKeys(a.dealId, b.dealId);

// Population: deals open at asOf in the pipeline, by the current owner. Each is judged against the
// p80 of the stage's visits completed in [asOf − lookbackDays, asOf): those of its owner (owner at
// exit) when there are enough, else all of the stage's when there are enough, else not at all.
export function stuckDealsReport(rows: StuckDealsRows, params: StuckDealsParams): StuckDealsReport {
  const lookback = {
    from: new Date(Date.parse(params.asOf) - params.lookbackDays * DAY_MS).toISOString(),
    to: params.asOf,
  };
  const byStage = lookbackSamples(rows.durations, params.pipelineId, lookback);
  const stageLevel = new Map<string, StageThreshold>();
  const ownerLevel = new Map<string, StageThreshold>();
  const thresholds: StageThreshold[] = [];
  for (const { id: stageId } of rows.stages) {
    const samples = byStage.get(stageId);
    if (!samples) continue;
    if (samples.all.length >= MIN_THRESHOLD_SAMPLE) {
      const level = threshold(stageId, null, samples.all);
      stageLevel.set(stageId, level);
      thresholds.push(level);
    }
    for (const ownerId of sortedKeys(samples.byOwner.keys())) {
      const own = samples.byOwner.get(ownerId) as number[];
      if (own.length >= MIN_THRESHOLD_SAMPLE && (params.ownerId === null || params.ownerId === ownerId)) {
        const level = threshold(stageId, ownerId, own);
        ownerLevel.set(`${stageId}\u0000${ownerId}`, level);
        thresholds.push(level);
      }
    }
  }
  const open = rows.deals.filter(
    (deal) =>
      deal.status === 'open' &&
      deal.pipelineId === params.pipelineId &&
      matchesFilters(params, deal.ownerId, sourceOf(deal)),
  );
  let judged = 0;
  const stuck: StuckDeal[] = [];
  for (const deal of open) {
    const own = ownerLevel.get(`${deal.stageId}\u0000${deal.ownerId}`);
    const level = own ?? stageLevel.get(deal.stageId);
    if (!level) continue;
    judged++;
    const ageDays = daysBetween(deal.visitEnteredAt, params.asOf);
    if (ageDays <= level.p80Days) continue;
    stuck.push({
      dealId: deal.dealId,
      ownerId: deal.ownerId,
      stageId: deal.stageId,
      ageDays,
      thresholdDays: level.p80Days,
      basis: own ? 'owner' : 'stage',
      ratio: level.p80Days === 0 ? null : ageDays / level.p80Days,
    });
  }
  return { thresholds, deals: stuck.sort(byRatio), judged, notJudged: open.length - judged };
}
