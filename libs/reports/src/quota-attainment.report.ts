import type { DealDoc, QuotaDoc } from '@sales/projections';
import { compareKeys, sourceOf } from './keys.js';
import { money } from './money.js';
import { type Filters, matchesFilters } from './params.js';
import { dateInWindow, inWindow, type Period } from './period.js';
import { quotaAt } from './quota-at.js';
import { rate } from './rate.js';

// won: deals won in the period (other rows are ignored); open: deals open at asOf with an
// expectedCloseDate in the period.
export type QuotaAttainmentRows = {
  quotas: readonly QuotaDoc[];
  won: readonly DealDoc[];
  open: readonly DealDoc[];
};
export type QuotaAttainmentParams = Filters & Period & { pipelineId: string | null; asOf: string };

export type QuotaAttainmentOwner = {
  key: string;
  quota: number;
  wonAmount: number;
  attainment: number | null;
  openPipeline: number;
  coverage: number | null;
};
export type QuotaAttainmentReport = { owners: QuotaAttainmentOwner[] };

// Owners with a quota for exactly the period (latest QuotaSet ≤ asOf); won by owner at close,
// open pipeline by current owner. coverage = openPipeline / (quota − wonAmount), null when ≤ 0.
export function quotaAttainmentReport(
  rows: QuotaAttainmentRows,
  params: QuotaAttainmentParams,
): QuotaAttainmentReport {
  const inScope = (deal: DealDoc, ownerId: string) =>
    (params.pipelineId === null || deal.pipelineId === params.pipelineId) &&
    matchesFilters(params, ownerId, sourceOf(deal));
  const wonMinor = new Map<string, number>();
  for (const deal of rows.won) {
    const owner = deal.closeOwnerId as string;
    if (deal.status !== 'won' || !inWindow(deal.closedAt, params) || !inScope(deal, owner)) continue;
    wonMinor.set(owner, (wonMinor.get(owner) ?? 0) + deal.amountMinor);
  }
  const openMinor = new Map<string, number>();
  for (const deal of rows.open) {
    if (
      deal.status !== 'open' ||
      !dateInWindow(deal.expectedCloseDate, params) ||
      !inScope(deal, deal.ownerId)
    )
      continue;
    openMinor.set(deal.ownerId, (openMinor.get(deal.ownerId) ?? 0) + deal.amountMinor);
  }
  const owners: QuotaAttainmentOwner[] = [];
  for (const doc of rows.quotas) {
    const quota = doc.period === params.period ? quotaAt(doc, params.asOf) : null;
    if (quota === null || (params.ownerId !== null && doc.ownerId !== params.ownerId)) continue;
    const won = wonMinor.get(doc.ownerId) ?? 0;
    const open = openMinor.get(doc.ownerId) ?? 0;
    owners.push({
      key: doc.ownerId,
      quota: money(quota),
      wonAmount: money(won),
      attainment: rate(won, quota),
      openPipeline: money(open),
      coverage: quota - won > 0 ? open / (quota - won) : null,
    });
  }
  return { owners: owners.sort((a, b) => compareKeys(a.key, b.key)) };
}
