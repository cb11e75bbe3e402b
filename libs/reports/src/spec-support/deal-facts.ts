// A deal's history folded straight from its events, without the projections: what the property
// suite recomputes the reports from.
export type DealFacts = {
  dealId: string;
  accountId: string;
  pipelineId: string;
  source: string | null;
  ownerId: string;
  status: 'open' | 'won' | 'lost';
  stageId: string;
  visitEnteredAt: string;
  amountMinor: number;
  closedAt: string | null;
  closeOwnerId: string | null;
};
export type CompletedVisit = {
  pipelineId: string;
  stageId: string;
  ownerId: string;
  enteredAt: string;
  exitedAt: string;
};
export type DealUpdate = {
  dealId: string;
  pipelineId: string;
  ownerId: string;
  source: string | null;
  occurredAt: string;
  expectedCloseDate: { from: string | null; to: string | null } | null;
  amountMinor: { from: number; to: number } | null;
};
export type PipelineDefinition = { pipelineId: string; occurredAt: string; stageIds: string[] };

export type History = {
  deals: Map<string, DealFacts>;
  visits: CompletedVisit[];
  updates: DealUpdate[];
  pipelines: PipelineDefinition[];
};

type Data = Record<string, never>;

// Events in log order (each deal's in its own order).
export function foldHistory(events: readonly { type: string; data: Record<string, unknown> }[]): History {
  const deals = new Map<string, DealFacts>();
  const visits: CompletedVisit[] = [];
  const updates: DealUpdate[] = [];
  const pipelines: PipelineDefinition[] = [];
  const endVisit = (deal: DealFacts, at: string) =>
    visits.push({
      pipelineId: deal.pipelineId,
      stageId: deal.stageId,
      ownerId: deal.ownerId,
      enteredAt: deal.visitEnteredAt,
      exitedAt: at,
    });
  for (const event of events) {
    const data = event.data as Data;
    const at: string = data.occurredAt;
    if (event.type === 'PipelineDefined') {
      const stages: { id: string }[] = data.stages;
      pipelines.push({ pipelineId: data.pipelineId, occurredAt: at, stageIds: stages.map((s) => s.id) });
      continue;
    }
    if (event.type === 'DealOpened') {
      deals.set(data.dealId, {
        dealId: data.dealId,
        accountId: data.accountId,
        pipelineId: data.pipelineId,
        source: data.source ?? null,
        ownerId: data.ownerId,
        status: 'open',
        stageId: data.stageId,
        visitEnteredAt: at,
        amountMinor: data.amountMinor,
        closedAt: null,
        closeOwnerId: null,
      });
      continue;
    }
    const deal = typeof data.dealId === 'string' ? deals.get(data.dealId) : undefined;
    if (!deal) continue;
    switch (event.type) {
      case 'DealStageAdvanced':
        endVisit(deal, at);
        deal.stageId = data.to;
        deal.visitEnteredAt = at;
        break;
      case 'DealWon':
      case 'DealLost':
        endVisit(deal, at);
        deal.status = event.type === 'DealWon' ? 'won' : 'lost';
        deal.closedAt = at;
        deal.closeOwnerId = deal.ownerId;
        deal.amountMinor = data.amountMinor;
        break;
      case 'DealReopened':
        deal.status = 'open';
        deal.stageId = data.stageId;
        deal.visitEnteredAt = at;
        deal.closedAt = null;
        deal.closeOwnerId = null;
        break;
      case 'DealReassigned':
        deal.ownerId = data.to;
        break;
      case 'DealUpdated': {
        const changes = data.changes as {
          amountMinor?: { from: number; to: number };
          expectedCloseDate?: { from: string | null; to: string | null };
        };
        if (changes.amountMinor) deal.amountMinor = changes.amountMinor.to;
        if (changes.amountMinor || changes.expectedCloseDate)
          updates.push({
            dealId: deal.dealId,
            pipelineId: deal.pipelineId,
            ownerId: deal.ownerId,
            source: deal.source,
            occurredAt: at,
            expectedCloseDate: changes.expectedCloseDate ?? null,
            amountMinor: changes.amountMinor ?? null,
          });
        break;
      }
      default:
        break;
    }
  }
  return { deals, visits, updates, pipelines };
}

// The stage order of the definition in force at asOf, or null when there is none yet.
export function stageIdsAt(history: History, pipelineId: string, asOf: string): string[] | null {
  let current: string[] | null = null;
  for (const definition of history.pipelines)
    if (definition.pipelineId === pipelineId && definition.occurredAt <= asOf) current = definition.stageIds;
  return current;
}
