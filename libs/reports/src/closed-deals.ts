import type { DealDoc } from '@sales/projections';
import { sourceOf } from './keys.js';
import { type GroupBy, matchesFilters, type WindowParams } from './params.js';
import { inWindow } from './period.js';

export type ClosedDealsParams = WindowParams & { pipelineId: string | null; groupBy: GroupBy | null };

// Deals closed (won or lost at asOf; a reopened deal is open) with closedAt in [from, to), in the
// pipeline when one is given; owner = owner at the close.
export const closedDeals = (deals: readonly DealDoc[], params: ClosedDealsParams): DealDoc[] =>
  deals.filter(
    (deal) =>
      (deal.status === 'won' || deal.status === 'lost') &&
      inWindow(deal.closedAt, params) &&
      (params.pipelineId === null || deal.pipelineId === params.pipelineId) &&
      matchesFilters(params, deal.closeOwnerId as string, sourceOf(deal)),
  );

export const closedGroupKey = (groupBy: GroupBy) =>
  groupBy === 'owner' ? (deal: DealDoc) => deal.closeOwnerId as string : sourceOf;
