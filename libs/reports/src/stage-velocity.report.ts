import type { VisitDoc } from '@sales/projections';
import { daysBetween } from './durations.js';
import { compareKeys, groupRows, sortedKeys, sourceOf } from './keys.js';
import { type GroupBy, matchesFilters, type WindowParams } from './params.js';
import { inWindow } from './period.js';
import { type StageDefinition, stageIndexes } from './pipeline-at.js';
import { rate } from './rate.js';
import { mean, type Stats, stats } from './stats.js';

// exits: ended visits (status closed); open: visits in progress at asOf.
export type StageVelocityRows = {
  exits: readonly VisitDoc[];
  open: readonly VisitDoc[];
  stages: readonly StageDefinition[];
};
export type StageVelocityParams = WindowParams & {
  pipelineId: string;
  asOf: string;
  groupBy: GroupBy | null;
};

export type StageVelocityStage = {
  stageId: string;
  exits: number;
  advanced: number;
  lost: number;
  movedBack: number;
  conversion: number | null;
  daysInStage: Stats;
  open: { count: number; meanAgeDays: number | null };
};
export type Transition = { from: string; to: string; count: number };
export type StageVelocityFigures = { stages: StageVelocityStage[]; transitions: Transition[] };
export type StageVelocityReport = StageVelocityFigures & {
  groups?: ({ key: string } & StageVelocityFigures)[];
};

// Population: visits in the pipeline whose exit is in [from, to), owner = owner at the exit; open
// visits of any age, owner = the current owner.
export function stageVelocityReport(
  rows: StageVelocityRows,
  params: StageVelocityParams,
): StageVelocityReport {
  const inPipeline = (visit: VisitDoc) =>
    visit.pipelineId === params.pipelineId && matchesFilters(params, visit.ownerId, sourceOf(visit));
  const exits = rows.exits.filter(
    (visit) => visit.status === 'closed' && inWindow(visit.exitedAt, params) && inPipeline(visit),
  );
  const open = rows.open.filter(
    (visit) => visit.status === 'open' && visit.enteredAt <= params.asOf && inPipeline(visit),
  );
  const figures = stageVelocityFigures(exits, open, rows.stages, params.asOf);
  if (params.groupBy === null) return figures;
  const keyOf = params.groupBy === 'owner' ? (visit: VisitDoc) => visit.ownerId : sourceOf;
  const exitGroups = new Map(groupRows(exits, keyOf));
  const openGroups = new Map(groupRows(open, keyOf));
  return {
    ...figures,
    groups: sortedKeys([...exitGroups.keys(), ...openGroups.keys()]).map((key) => ({
      key,
      ...stageVelocityFigures(exitGroups.get(key) ?? [], openGroups.get(key) ?? [], rows.stages, params.asOf),
    })),
  };
}

export function stageVelocityFigures(
  exits: readonly VisitDoc[],
  open: readonly VisitDoc[],
  stages: readonly StageDefinition[],
  asOf: string,
): StageVelocityFigures {
  const index = stageIndexes(stages);
  const perStage = stages.map(() => ({
    advanced: 0,
    lost: 0,
    movedBack: 0,
    days: [] as number[],
    ages: [] as number[],
  }));
  const transitions = new Map<string, Transition & { fromRank: number; toRank: number }>();
  for (const visit of exits) {
    const to = visit.to as string;
    const toRank = visit.exit === 'won' ? WON : visit.exit === 'lost' ? LOST : rank(index, to);
    const key = `${toRank}\u0000${visit.stageId}\u0000${to}`;
    const existing = transitions.get(key);
    if (existing) existing.count++;
    else
      transitions.set(key, {
        from: visit.stageId,
        to,
        count: 1,
        fromRank: rank(index, visit.stageId),
        toRank,
      });
    const i = index.get(visit.stageId);
    if (i === undefined) continue;
    const stage = perStage[i];
    if (visit.exit === 'forward' || visit.exit === 'won') stage.advanced++;
    else if (visit.exit === 'lost') stage.lost++;
    else if (visit.exit === 'backward') stage.movedBack++;
    stage.days.push(daysBetween(visit.enteredAt, visit.exitedAt as string));
  }
  for (const visit of open) {
    const i = index.get(visit.stageId);
    if (i !== undefined) perStage[i].ages.push(daysBetween(visit.enteredAt, asOf));
  }
  return {
    stages: stages.map((stage, i) => {
      const { advanced, lost, movedBack, days, ages } = perStage[i];
      return {
        stageId: stage.id,
        exits: days.length,
        advanced,
        lost,
        movedBack,
        conversion: rate(advanced, days.length),
        daysInStage: stats(days),
        open: { count: ages.length, meanAgeDays: mean(ages) },
      };
    }),
    transitions: [...transitions.values()]
      .sort(
        (a, b) =>
          a.fromRank - b.fromRank ||
          compareKeys(a.from, b.from) ||
          a.toRank - b.toRank ||
          compareKeys(a.to, b.to),
      )
      .map(({ from, to, count }) => ({ from, to, count })),
  };
}

// `from` and `to` follow the definition in force; a stage since removed from it comes after its
// stages (by id), then `won`, then `lost`.
const REMOVED = 1_000;
const WON = REMOVED + 1;
const LOST = REMOVED + 2;
const rank = (index: Map<string, number>, stageId: string) => index.get(stageId) ?? REMOVED;
