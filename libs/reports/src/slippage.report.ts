import type { DealChangeDoc } from '@sales/projections';
import { daysBetween } from './durations.js';
import { compareKeys, groupRows, sourceOf } from './keys.js';
import { money } from './money.js';
import { matchesFilters, type WindowParams } from './params.js';
import { inWindow } from './period.js';

export type SlippageRows = { changes: readonly DealChangeDoc[] };
export type SlippageParams = WindowParams & { pipelineId: string | null };

export type SlippageFigures = {
  pushes: number;
  pullIns: number;
  daysPushed: number;
  amountIncreases: number;
  amountDecreases: number;
  increasedAmount: number;
  decreasedAmount: number;
};
export type SlippedDeal = {
  dealId: string;
  ownerId: string;
  pushes: number;
  daysPushed: number;
  firstExpectedCloseDate: string | null;
  lastExpectedCloseDate: string | null;
};
export type SlippageReport = SlippageFigures & {
  byOwner: (SlippageFigures & { key: string })[];
  deals: SlippedDeal[];
};

const MAX_DEALS = 50;
const dayOf = (date: string) => `${date}T00:00:00.000Z`;

// A push moves the expected close date later, or drops it; a pull-in moves it earlier, or sets
// one where there was none. Days pushed only where both sides have a date.
type DateMove = { push: boolean; pull: boolean; days: number };
function dateMove(change: DealChangeDoc['expectedCloseDate']): DateMove {
  if (!change || change.from === change.to) return { push: false, pull: false, days: 0 };
  const { from, to } = change;
  if (from === null) return { push: false, pull: true, days: 0 };
  if (to === null) return { push: true, pull: false, days: 0 };
  const days = daysBetween(dayOf(from), dayOf(to));
  return { push: days > 0, pull: days < 0, days: days > 0 ? days : 0 };
}

function figures(changes: readonly DealChangeDoc[]): SlippageFigures {
  const totals = { pushes: 0, pullIns: 0, daysPushed: 0, increases: 0, decreases: 0, up: 0, down: 0 };
  for (const change of changes) {
    const move = dateMove(change.expectedCloseDate);
    if (move.push) totals.pushes++;
    if (move.pull) totals.pullIns++;
    totals.daysPushed += move.days;
    const amount = change.amountMinor ? change.amountMinor.to - change.amountMinor.from : 0;
    if (amount > 0) {
      totals.increases++;
      totals.up += amount;
    } else if (amount < 0) {
      totals.decreases++;
      totals.down -= amount;
    }
  }
  return {
    pushes: totals.pushes,
    pullIns: totals.pullIns,
    daysPushed: totals.daysPushed,
    amountIncreases: totals.increases,
    amountDecreases: totals.decreases,
    increasedAmount: money(totals.up),
    decreasedAmount: money(totals.down),
  };
}

// A deal's changes in order: the first date is the one before the period's first date change, the
// last the one after its last; the owner is the one at its last change in the period.
function slippedDeal(dealId: string, changes: readonly DealChangeDoc[]): SlippedDeal | null {
  const moves = changes.filter((c) => c.expectedCloseDate !== null);
  const pushes = moves.map((c) => dateMove(c.expectedCloseDate)).filter((m) => m.push);
  if (pushes.length === 0) return null;
  const last = changes[changes.length - 1];
  return {
    dealId,
    ownerId: last.ownerId,
    pushes: pushes.length,
    daysPushed: pushes.reduce((sum, m) => sum + m.days, 0),
    firstExpectedCloseDate: moves[0].expectedCloseDate?.from ?? null,
    lastExpectedCloseDate: moves[moves.length - 1].expectedCloseDate?.to ?? null,
  };
}

const byDaysPushed = (a: SlippedDeal, b: SlippedDeal) =>
  b.daysPushed - a.daysPushed || b.pushes - a.pushes || compareKeys(a.dealId, b.dealId);

// Population: DealUpdated events with occurredAt in [from, to) that moved the expected close date
// or the amount, by the owner at the event (and the deal's pipeline and source).
export function slippageReport(rows: SlippageRows, params: SlippageParams): SlippageReport {
  const population = rows.changes
    .filter(
      (change) =>
        inWindow(change.occurredAt, params) &&
        (params.pipelineId === null || change.pipelineId === params.pipelineId) &&
        matchesFilters(params, change.ownerId, sourceOf(change)),
    )
    .sort((a, b) => compareKeys(a.occurredAt, b.occurredAt) || a.position - b.position);
  const deals = groupRows(population, (change) => change.dealId)
    .map(([dealId, changes]) => slippedDeal(dealId, changes))
    .filter((deal): deal is SlippedDeal => deal !== null)
    .sort(byDaysPushed);
  return {
    ...figures(population),
    byOwner: groupRows(population, (change) => change.ownerId).map(([key, changes]) => ({
      key,
      ...figures(changes),
    })),
    deals: deals.slice(0, MAX_DEALS),
  };
}
