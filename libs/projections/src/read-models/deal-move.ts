import {
  assertNever,
  type DealLost,
  type DealOpened,
  type DealReopened,
  type DealStageAdvanced,
  type DealStatus,
  type DealWon,
  type StageDirection,
} from '@sales/domain';

export type DealMoveEvent = DealOpened | DealStageAdvanced | DealWon | DealLost | DealReopened;

export type StageEntry = { stageId: string; at: string };

export type StageExit = {
  stageId: string;
  enteredAt: string;
  at: string;
  /** How the visit ended: a move, or the deal's close. */
  exit: StageDirection | 'won' | 'lost';
  /** The next stage, or won / lost. */
  to: string;
};

/** What one event does to where a deal stands: the stage it enters, the visit it ends, its status after. */
export type DealMove = { status: DealStatus; entered: StageEntry | null; left: StageExit | null };

// The one rule for which stage a deal is in, since when, and whether it is open: the deals read
// model and the stage visits both follow it, so that they cannot tell two stories of one deal.
// A close ends the visit without entering another; a reopening enters the stage it closed in.
export function dealMove(event: DealMoveEvent): DealMove {
  switch (event.type) {
    case 'DealOpened':
    case 'DealReopened':
      return {
        status: 'open',
        entered: { stageId: event.data.stageId, at: event.data.occurredAt },
        left: null,
      };
    case 'DealStageAdvanced': {
      const { from, to, direction, enteredAt, occurredAt } = event.data;
      return {
        status: 'open',
        entered: { stageId: to, at: occurredAt },
        left: { stageId: from, enteredAt, at: occurredAt, exit: direction, to },
      };
    }
    case 'DealWon':
    case 'DealLost': {
      const outcome = event.type === 'DealWon' ? 'won' : 'lost';
      const { stageId, enteredAt, occurredAt } = event.data;
      return {
        status: outcome,
        entered: null,
        left: { stageId, enteredAt, at: occurredAt, exit: outcome, to: outcome },
      };
    }
    default:
      return assertNever(event);
  }
}
