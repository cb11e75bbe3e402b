import { DomainError } from '../shared/domain-error.js';
import { requireAmountMinor } from '../shared/money.js';
import { assertInOrder, assertNotInFuture, parseIsoDate } from '../shared/time.js';
import { requireText } from '../shared/validation.js';
import type { UpdateDeal } from './deal.commands.js';
import type { DealChanges, DealEvent } from './deal.events.js';
import { requireOpenDeal } from './deal.guards.js';
import type { DealState } from './deal.state.js';

// Only open deals can be updated (DEAL_CLOSED otherwise). A won deal's amount is the one its
// close recorded, and win-rate and attainment are computed from it; letting it move afterwards
// would make the deal disagree with every report. A lost deal is reopened first, which keeps
// the history honest about when it was being worked on again.
export const decideUpdateDeal = (command: UpdateDeal, state: DealState): DealEvent[] => {
  const occurredAt = assertNotInFuture(command);
  const title = command.title === undefined ? undefined : requireText('title', command.title);
  const amountMinor =
    command.amountMinor === undefined ? undefined : requireAmountMinor('amountMinor', command.amountMinor);
  const date = command.expectedCloseDate;
  const expectedCloseDate =
    date === undefined || date === null ? date : parseIsoDate('expectedCloseDate', date);
  const deal = requireOpenDeal(state, command.dealId);
  const changes: DealChanges = {};
  if (title !== undefined && title !== deal.title) changes.title = { from: deal.title, to: title };
  if (amountMinor !== undefined && amountMinor !== deal.amountMinor) {
    changes.amountMinor = { from: deal.amountMinor, to: amountMinor };
  }
  if (expectedCloseDate !== undefined && expectedCloseDate !== deal.expectedCloseDate) {
    changes.expectedCloseDate = { from: deal.expectedCloseDate, to: expectedCloseDate };
  }
  if (Object.keys(changes).length === 0) {
    throw new DomainError('NOTHING_TO_UPDATE', `the update changes nothing on deal ${deal.dealId}`, {
      dealId: deal.dealId,
    });
  }
  assertInOrder(occurredAt, deal.lastOccurredAt);
  const { dealId, pipelineId, ownerId, status, stageId } = deal;
  return [
    { type: 'DealUpdated', data: { dealId, changes, pipelineId, ownerId, status, stageId, occurredAt } },
  ];
};
