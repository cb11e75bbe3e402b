import { ACTIVITY_TYPES } from '@sales/domain';
import type { ActivityDoc, DealDoc, LeadDoc } from '@sales/projections';
import { daysBetween, hoursBetween } from './durations.js';
import { sortedKeys, sourceOf } from './keys.js';
import { money } from './money.js';
import { matchesFilters, type WindowParams } from './params.js';
import { inWindow } from './period.js';
import { rate } from './rate.js';
import { median } from './stats.js';

// opened: deals opened in the window; closed: deals closed in it; activities: logged in it;
// captured: leads captured in it (those without an activity are ignored); converted: leads
// converted in it.
export type RepsRows = {
  opened: readonly DealDoc[];
  closed: readonly DealDoc[];
  activities: readonly ActivityDoc[];
  captured: readonly LeadDoc[];
  converted: readonly LeadDoc[];
};
// The pipeline narrows the deal figures; source narrows deals and leads. Activities carry neither
// and are counted by who performed them.
export type RepsParams = WindowParams & { pipelineId: string | null };

export type RepFigures = {
  key: string;
  dealsOpened: number;
  won: number;
  wonAmount: number;
  lost: number;
  winRate: number | null;
  avgWonAmount: number | null;
  cycleDaysWon: { median: number | null };
  activities: { total: number; byType: Record<string, number> };
  leadsConverted: number;
  firstResponseHours: { median: number | null };
};
export type RepsReport = { owners: RepFigures[] };

type Tally = {
  dealsOpened: number;
  won: number;
  wonMinor: number;
  lost: number;
  cycleDays: number[];
  byType: Record<string, number>;
  activities: number;
  leadsConverted: number;
  responseHours: number[];
};

const emptyTally = (): Tally => ({
  dealsOpened: 0,
  won: 0,
  wonMinor: 0,
  lost: 0,
  cycleDays: [],
  byType: Object.fromEntries(ACTIVITY_TYPES.map((type) => [type, 0])),
  activities: 0,
  leadsConverted: 0,
  responseHours: [],
});

export function repsReport(rows: RepsRows, params: RepsParams): RepsReport {
  const tallies = new Map<string, Tally>();
  const tally = (owner: string) => {
    let t = tallies.get(owner);
    if (!t) tallies.set(owner, (t = emptyTally()));
    return t;
  };
  const dealInScope = (deal: DealDoc, owner: string) =>
    (params.pipelineId === null || deal.pipelineId === params.pipelineId) &&
    matchesFilters(params, owner, sourceOf(deal));
  for (const deal of rows.opened)
    if (inWindow(deal.openedAt, params) && dealInScope(deal, deal.openOwnerId))
      tally(deal.openOwnerId).dealsOpened++;
  for (const deal of rows.closed) {
    const owner = deal.closeOwnerId as string;
    if (deal.status === 'open' || !inWindow(deal.closedAt, params) || !dealInScope(deal, owner)) continue;
    const t = tally(owner);
    if (deal.status === 'lost') {
      t.lost++;
      continue;
    }
    t.won++;
    t.wonMinor += deal.amountMinor;
    t.cycleDays.push(daysBetween(deal.start, deal.closedAt as string));
  }
  for (const activity of rows.activities) {
    if (!inWindow(activity.occurredAt, params)) continue;
    if (params.ownerId !== null && activity.performedBy !== params.ownerId) continue;
    const t = tally(activity.performedBy);
    t.activities++;
    t.byType[activity.type] = (t.byType[activity.type] ?? 0) + 1;
  }
  for (const lead of rows.converted)
    if (inWindow(lead.convertedAt, params) && matchesFilters(params, lead.ownerId, lead.source))
      tally(lead.ownerId).leadsConverted++;
  for (const lead of rows.captured)
    if (
      inWindow(lead.capturedAt, params) &&
      lead.firstActivityAt !== null &&
      matchesFilters(params, lead.ownerId, lead.source)
    )
      tally(lead.ownerId).responseHours.push(hoursBetween(lead.capturedAt, lead.firstActivityAt));
  return {
    owners: sortedKeys(tallies.keys()).map((key) => {
      const t = tallies.get(key) as Tally;
      return {
        key,
        dealsOpened: t.dealsOpened,
        won: t.won,
        wonAmount: money(t.wonMinor),
        lost: t.lost,
        winRate: rate(t.won, t.won + t.lost),
        avgWonAmount: t.won === 0 ? null : money(t.wonMinor / t.won),
        cycleDaysWon: { median: median(t.cycleDays) },
        activities: { total: t.activities, byType: t.byType },
        leadsConverted: t.leadsConverted,
        firstResponseHours: { median: median(t.responseHours) },
      };
    }),
  };
}
