import { DomainError } from '../shared/domain-error.js';
import { assertInOrder, assertNotInFuture } from '../shared/time.js';
import { requireId } from '../shared/validation.js';
import type { ReassignDeal } from './deal.commands.js';
import type { DealEvent } from './deal.events.js';
import { requireDeal } from './deal.guards.js';
import type { DealState } from './deal.state.js';

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
  const { dealId, ownerId: from, pipelineId, stageId, status, enteredAt } = deal;
  return [
    {
      type: 'DealReassigned',
      data: { dealId, from, to, pipelineId, stageId, status, enteredAt, occurredAt },
    },
  ];
};
