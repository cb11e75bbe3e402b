import { assertNever } from '../shared/assert-never.js';
import type { Decider } from '../shared/decider.js';
import type { DealCommand } from './deal.commands.js';
import { decideCloseDeal, decideReopenDeal } from './deal.close.js';
import {
  decideAdvanceStage,
  decideLogDealActivity,
  decideOpenConvertedDeal,
  decideOpenDeal,
} from './deal.decide.js';
import type { DealEvent } from './deal.events.js';
import { decideReassignDeal } from './deal.reassign.js';
import { dealFactsOf, withVisit, type DealState } from './deal.state.js';
import { decideUpdateDeal } from './deal.update.js';

// Events that make no sense for the state (a corrupt or foreign stream) leave it unchanged:
// evolve must never throw while a stream is being replayed.
const evolve = (state: DealState, event: DealEvent): DealState => {
  const at = event.data.occurredAt;
  if (event.type === 'DealOpened') {
    const { occurredAt, ...facts } = event.data;
    return {
      status: 'open',
      ...facts,
      openedAt: occurredAt,
      enteredAt: occurredAt,
      visitedStageIds: [facts.stageId],
      activityIds: [],
      lastOccurredAt: at,
    };
  }
  if (state.status === 'none') return state;
  switch (event.type) {
    case 'DealStageAdvanced':
      return state.status === 'open'
        ? {
            ...state,
            stageId: event.data.to,
            enteredAt: at,
            visitedStageIds: withVisit(state.visitedStageIds, event.data.to),
            lastOccurredAt: at,
          }
        : state;
    case 'ActivityLogged':
      return { ...state, activityIds: [...state.activityIds, event.data.activityId], lastOccurredAt: at };
    case 'DealWon': {
      const { amountMinor, reason, competitor } = event.data;
      return {
        ...dealFactsOf(state),
        status: 'won',
        amountMinor,
        closedAt: at,
        reason,
        competitor,
        lastOccurredAt: at,
      };
    }
    case 'DealLost': {
      const { amountMinor, reason, competitor } = event.data;
      return {
        ...dealFactsOf(state),
        status: 'lost',
        amountMinor,
        closedAt: at,
        reason,
        competitor,
        lastOccurredAt: at,
      };
    }
    case 'DealReopened':
      return {
        ...dealFactsOf(state),
        status: 'open',
        stageId: event.data.stageId,
        enteredAt: at,
        visitedStageIds: withVisit(state.visitedStageIds, event.data.stageId),
        lastOccurredAt: at,
      };
    case 'DealReassigned':
      return { ...state, ownerId: event.data.to, lastOccurredAt: at };
    case 'DealUpdated': {
      const { title, amountMinor, expectedCloseDate } = event.data.changes;
      return {
        ...state,
        title: title ? title.to : state.title,
        amountMinor: amountMinor ? amountMinor.to : state.amountMinor,
        expectedCloseDate: expectedCloseDate ? expectedCloseDate.to : state.expectedCloseDate,
        lastOccurredAt: at,
      };
    }
    default:
      return assertNever(event);
  }
};

const decide = (command: DealCommand, state: DealState): DealEvent[] => {
  switch (command.type) {
    case 'OpenDeal':
      return decideOpenDeal(command, state);
    case 'OpenConvertedDeal':
      return decideOpenConvertedDeal(command, state);
    case 'AdvanceStage':
      return decideAdvanceStage(command, state);
    case 'LogDealActivity':
      return decideLogDealActivity(command, state);
    case 'CloseDeal':
      return decideCloseDeal(command, state);
    case 'ReopenDeal':
      return decideReopenDeal(command, state);
    case 'ReassignDeal':
      return decideReassignDeal(command, state);
    case 'UpdateDeal':
      return decideUpdateDeal(command, state);
    default:
      return assertNever(command);
  }
};

export const dealDecider: Decider<DealCommand, DealState, DealEvent> = {
  initialState: { status: 'none' },
  evolve,
  decide,
};
