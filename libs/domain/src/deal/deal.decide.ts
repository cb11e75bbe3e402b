import { activityLogged, assertNewActivity, validateActivity } from '../shared/activity.js';
import { DomainError } from '../shared/domain-error.js';
import { requireAmountMinor } from '../shared/money.js';
import { assertInOrder, assertNotInFuture, parseIsoDate } from '../shared/time.js';
import { optionalText, requireId, requireText } from '../shared/validation.js';
import { stageIndex } from '../pipeline/pipeline.definition.js';
import type { AdvanceStage, LogDealActivity, OpenConvertedDeal, OpenDeal } from './deal.commands.js';
import type { DealEvent } from './deal.events.js';
import { requireDeal, knownPipeline, knownStage, requireOpenDeal } from './deal.guards.js';
import { dealOriginOf, type DealState } from './deal.state.js';

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

export const decideOpenConvertedDeal = (command: OpenConvertedDeal, state: DealState): DealEvent[] => {
  const { leadId, dealId, ownerId, source, capturedAt, deal, occurredAt } = command.converted;
  if (!deal) {
    throw new DomainError('VALIDATION_FAILED', `the conversion of lead ${leadId} carries no deal to open`, {
      leadId,
    });
  }
  if (state.status !== 'none') {
    throw new DomainError('DEAL_EXISTS', `deal ${dealId} already exists`, { dealId });
  }
  return [
    {
      type: 'DealOpened',
      data: {
        dealId,
        title: deal.title,
        accountId: deal.accountId,
        ownerId,
        amountMinor: deal.amountMinor,
        pipelineId: deal.pipelineId,
        stageId: deal.stageId,
        source,
        leadId,
        leadCapturedAt: capturedAt,
        expectedCloseDate: deal.expectedCloseDate,
        occurredAt,
      },
    },
  ];
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
      data: {
        dealId,
        pipelineId,
        from,
        to,
        direction,
        enteredAt,
        ownerId,
        amountMinor,
        ...dealOriginOf(deal),
        visitedStageIds: [...deal.visitedStageIds],
        occurredAt,
      },
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
