import type { DealOrigin } from './deal.events.js';

export type DealFacts = {
  dealId: string;
  title: string;
  accountId: string;
  ownerId: string;
  amountMinor: number;
  pipelineId: string;
  stageId: string;
  // When the latest visit of `stageId` began; for a closed deal, that visit ended at the close.
  enteredAt: string;
  // Distinct stages ever visited, in first-visit order; always includes `stageId`.
  visitedStageIds: readonly string[];
  source: string | null;
  leadId: string | null;
  leadCapturedAt: string | null;
  openedAt: string;
  expectedCloseDate: string | null;
  activityIds: readonly string[];
  lastOccurredAt: string;
};

export type DealOpenState = DealFacts & { status: 'open' };
export type DealWonState = DealFacts & {
  status: 'won';
  closedAt: string;
  reason: string | null;
  competitor: string | null;
};
export type DealLostState = DealFacts & {
  status: 'lost';
  closedAt: string;
  reason: string;
  competitor: string | null;
};

export type DealState = { status: 'none' } | DealOpenState | DealWonState | DealLostState;

export type ExistingDealState = Exclude<DealState, { status: 'none' }>;

export const dealFactsOf = (deal: ExistingDealState): DealFacts => ({
  dealId: deal.dealId,
  title: deal.title,
  accountId: deal.accountId,
  ownerId: deal.ownerId,
  amountMinor: deal.amountMinor,
  pipelineId: deal.pipelineId,
  stageId: deal.stageId,
  enteredAt: deal.enteredAt,
  visitedStageIds: deal.visitedStageIds,
  source: deal.source,
  leadId: deal.leadId,
  leadCapturedAt: deal.leadCapturedAt,
  openedAt: deal.openedAt,
  expectedCloseDate: deal.expectedCloseDate,
  activityIds: deal.activityIds,
  lastOccurredAt: deal.lastOccurredAt,
});

export const dealOriginOf = (deal: ExistingDealState): DealOrigin => ({
  accountId: deal.accountId,
  source: deal.source,
  leadId: deal.leadId,
  openedAt: deal.openedAt,
  start: deal.leadCapturedAt ?? deal.openedAt,
});

// First-visit order: a stage visited again keeps its first place.
export const withVisit = (visited: readonly string[], stageId: string): readonly string[] =>
  visited.includes(stageId) ? visited : [...visited, stageId];
