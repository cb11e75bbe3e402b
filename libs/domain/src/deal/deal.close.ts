import { DomainError } from '../shared/domain-error.js';
import { requireAmountMinor } from '../shared/money.js';
import { assertInOrder, assertNotInFuture } from '../shared/time.js';
import { optionalText } from '../shared/validation.js';
import type { CloseDeal, ReopenDeal } from './deal.commands.js';
import type { DealEvent } from './deal.events.js';
import { knownPipeline, knownStage, requireDeal, requireOpenDeal } from './deal.guards.js';
import { dealOriginOf, withVisit, type DealState } from './deal.state.js';

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
    ...dealOriginOf(deal),
    competitor,
    visitedStageIds: [...deal.visitedStageIds],
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
  const { dealId, pipelineId, ownerId, amountMinor, closedAt, reason: lostReason } = deal;
  return [
    {
      type: 'DealReopened',
      data: {
        dealId,
        pipelineId,
        stageId,
        ownerId,
        amountMinor,
        ...dealOriginOf(deal),
        visitedStageIds: [...withVisit(deal.visitedStageIds, stageId)],
        closedAt,
        lostReason,
        occurredAt,
      },
    },
  ];
};
