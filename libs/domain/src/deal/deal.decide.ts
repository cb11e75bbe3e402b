import { activityLogged, assertNewActivity, validateActivity } from '../shared/activity.js';
import { DomainError } from '../shared/domain-error.js';
import { requireAmountMinor } from '../shared/money.js';
import { assertInOrder, assertNotInFuture, parseIsoDate } from '../shared/time.js';
import { optionalText, requireId, requireText } from '../shared/validation.js';
import { stageIndex } from '../pipeline/pipeline.definition.js';
import type {
  AdvanceStage,
  CloseDeal,
  LogDealActivity,
  OpenDeal,
  ReassignDeal,
  ReopenDeal,
} from './deal.commands.js';
import type { DealEvent } from './deal.events.js';
import { requireDeal, knownPipeline, knownStage, requireOpenDeal } from './deal.guards.js';
import type { DealState } from './deal.state.js';

const optionalDate = (field: string, value: string | null | undefined): string | null =>
  value === undefined || value === null ? null : parseIsoDate(field, value);

export const decideOpenDeal = (command: OpenDeal, state: DealState): DealEvent[] => {
  const occurredAt = assertNotInFuture(command);
  const lead = command.lead ?? null;
  const data = {
    dealId: requireId('dealId', command.dealId),
    title: requireText('title', command.title),
    accountId: requireId('accountId', command.accountId),
    // The contract makes a converted deal inherit its lead's owner and source.
    ownerId: lead ? lead.ownerId : requireId('ownerId', command.ownerId),
    amountMinor: requireAmountMinor('amountMinor', command.amountMinor),
    pipelineId: requireId('pipelineId', command.pipelineId),
    source: lead ? lead.source : optionalText('source', command.source),
    leadId: lead ? lead.leadId : null,
    leadCapturedAt: lead ? lead.capturedAt : null,
    expectedCloseDate: optionalDate('expectedCloseDate', command.expectedCloseDate),
  };
  if (state.status !== 'none') {
    throw new DomainError('DEAL_EXISTS', `deal ${data.dealId} already exists`, { dealId: data.dealId });
  }
  const pipeline = knownPipeline(command.pipeline, data.pipelineId);
  const stageId = knownStage(pipeline, command.stageId ?? pipeline.stages[0].id);
  assertInOrder(occurredAt, data.leadCapturedAt);
  return [{ type: 'DealOpened', data: { ...data, stageId, occurredAt } }];
};

// Direction follows the pipeline's current order; a stage since dropped from it counts as
// before every other, so leaving it is forward.
export const decideAdvanceStage = (command: AdvanceStage, state: DealState): DealEvent[] => {
  const occurredAt = assertNotInFuture(command);
  const deal = requireOpenDeal(state, command.dealId);
  if (command.stageId === deal.stageId) {
    throw new DomainError('ALREADY_IN_STAGE', `deal ${deal.dealId} is already in stage ${deal.stageId}`, {
      dealId: deal.dealId,
      stageId: deal.stageId,
    });
  }
  const pipeline = knownPipeline(command.pipeline, deal.pipelineId);
  const to = knownStage(pipeline, command.stageId);
  assertInOrder(occurredAt, deal.lastOccurredAt);
  const direction = stageIndex(pipeline, to) > stageIndex(pipeline, deal.stageId) ? 'forward' : 'backward';
  const { dealId, pipelineId, stageId: from, enteredAt, ownerId, amountMinor } = deal;
  return [
    {
      type: 'DealStageAdvanced',
      data: { dealId, pipelineId, from, to, direction, enteredAt, ownerId, amountMinor, occurredAt },
    },
  ];
};

// Allowed on closed deals: after-sales calls are still work done on the deal.
export const decideLogDealActivity = (command: LogDealActivity, state: DealState): DealEvent[] => {
  const occurredAt = assertNotInFuture(command);
  const activity = validateActivity(command);
  const deal = requireDeal(state, command.dealId);
  assertNewActivity(deal.activityIds, activity.activityId);
  assertInOrder(occurredAt, deal.lastOccurredAt);
  const on = { entity: 'deal', leadId: deal.leadId, dealId: deal.dealId, ownerId: deal.ownerId } as const;
  return [activityLogged(activity, on, occurredAt)];
};

export const decideCloseDeal = (command: CloseDeal, state: DealState): DealEvent[] => {
  const occurredAt = assertNotInFuture(command);
  const { outcome } = command;
  if (outcome !== 'won' && outcome !== 'lost') {
    throw new DomainError('VALIDATION_FAILED', 'outcome must be won or lost', {
      field: 'outcome',
      value: outcome,
    });
  }
  const reason = optionalText('reason', command.reason);
  const competitor = optionalText('competitor', command.competitor);
  const finalAmount = command.amountMinor ?? null;
  if (outcome === 'lost' && reason === null) {
    throw new DomainError('LOSS_REASON_REQUIRED', 'a lost deal needs a reason', { field: 'reason' });
  }
  // Refused rather than ignored: a lost deal's amount is what it was worth when lost.
  if (outcome === 'lost' && finalAmount !== null) {
    throw new DomainError('VALIDATION_FAILED', 'amount is accepted only when the deal is won', {
      field: 'amount',
    });
  }
  const deal = requireOpenDeal(state, command.dealId);
  assertInOrder(occurredAt, deal.lastOccurredAt);
  const facts = {
    dealId: deal.dealId,
    pipelineId: deal.pipelineId,
    stageId: deal.stageId,
    enteredAt: deal.enteredAt,
    ownerId: deal.ownerId,
    amountMinor: finalAmount === null ? deal.amountMinor : requireAmountMinor('amountMinor', finalAmount),
    accountId: deal.accountId,
    source: deal.source,
    leadId: deal.leadId,
    openedAt: deal.openedAt,
    start: deal.leadCapturedAt ?? deal.openedAt,
    competitor,
  };
  if (outcome === 'won') return [{ type: 'DealWon', data: { ...facts, reason, occurredAt } }];
  return [{ type: 'DealLost', data: { ...facts, reason: reason as string, occurredAt } }];
};

export const decideReopenDeal = (command: ReopenDeal, state: DealState): DealEvent[] => {
  const occurredAt = assertNotInFuture(command);
  const deal = requireDeal(state, command.dealId);
  if (deal.status !== 'lost') {
    throw new DomainError(
      'DEAL_NOT_LOST',
      `deal ${deal.dealId} is ${deal.status}; only a lost deal can be reopened`,
      {
        dealId: deal.dealId,
        status: deal.status,
      },
    );
  }
  // Back to the stage it was lost in, which must still exist in the pipeline.
  const pipeline = knownPipeline(command.pipeline, deal.pipelineId);
  const stageId = knownStage(pipeline, deal.stageId);
  assertInOrder(occurredAt, deal.lastOccurredAt);
  const { dealId, pipelineId, ownerId, amountMinor } = deal;
  return [{ type: 'DealReopened', data: { dealId, pipelineId, stageId, ownerId, amountMinor, occurredAt } }];
};

// Allowed whatever the status. Reports credit the owner recorded on the opening, exit and
// close events, so handing a closed deal over (an account manager leaving, a lost deal about
// to be reopened by someone else) moves responsibility without rewriting anyone's figures.
export const decideReassignDeal = (command: ReassignDeal, state: DealState): DealEvent[] => {
  const occurredAt = assertNotInFuture(command);
  const to = requireId('ownerId', command.ownerId);
  const deal = requireDeal(state, command.dealId);
  if (deal.ownerId === to) {
    throw new DomainError('ALREADY_OWNER', `${to} already owns deal ${deal.dealId}`, {
      dealId: deal.dealId,
      ownerId: to,
    });
  }
  assertInOrder(occurredAt, deal.lastOccurredAt);
  return [{ type: 'DealReassigned', data: { dealId: deal.dealId, from: deal.ownerId, to, occurredAt } }];
};
