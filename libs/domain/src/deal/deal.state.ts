export type DealFacts = {
  dealId: string;
  title: string;
  accountId: string;
  ownerId: string;
  amountMinor: number;
  pipelineId: string;
  stageId: string;
  source: string | null;
  leadId: string | null;
  leadCapturedAt: string | null;
  openedAt: string;
  expectedCloseDate: string | null;
  activityIds: readonly string[];
  lastOccurredAt: string;
};

// `enteredAt` is when the current visit of `stageId` began; closing ends that visit.
export type DealOpenState = DealFacts & { status: 'open'; enteredAt: string };
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
  source: deal.source,
  leadId: deal.leadId,
  leadCapturedAt: deal.leadCapturedAt,
  openedAt: deal.openedAt,
  expectedCloseDate: deal.expectedCloseDate,
  activityIds: deal.activityIds,
  lastOccurredAt: deal.lastOccurredAt,
});
