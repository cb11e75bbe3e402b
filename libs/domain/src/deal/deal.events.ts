import type { ActivityLogged } from '../shared/activity.js';
import type { EventOf } from '../shared/event.js';

// Every event carries what the reports need about the deal at that moment (owner, amount,
// the visit it ends, where the deal started, the stages it has visited) so that a projection
// builds each document from that document and the event alone, never from another one.

export type DealStatus = 'open' | 'won' | 'lost';

// Where the deal comes from, repeated on the events that put it in a report's population.
// `source` is the lead's source for a converted deal, else its own; `start` is the lead's
// capture for a converted deal, else the opening.
export type DealOrigin = {
  accountId: string;
  source: string | null;
  leadId: string | null;
  openedAt: string;
  start: string;
};

export type DealOpened = EventOf<
  'DealOpened',
  {
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
    expectedCloseDate: string | null;
  }
>;

export type StageDirection = 'forward' | 'backward';

export type DealStageAdvanced = EventOf<
  'DealStageAdvanced',
  {
    dealId: string;
    pipelineId: string;
    from: string;
    to: string;
    direction: StageDirection;
    enteredAt: string;
    ownerId: string;
    amountMinor: number;
    // Distinct stages visited before this move, in first-visit order, `from` included.
    visitedStageIds: string[];
  } & DealOrigin
>;

type DealClosedFacts = DealOrigin & {
  dealId: string;
  pipelineId: string;
  stageId: string;
  enteredAt: string;
  ownerId: string;
  amountMinor: number;
  competitor: string | null;
  // Distinct stages ever visited, in first-visit order, the closing stage included.
  visitedStageIds: string[];
};

export type DealWon = EventOf<'DealWon', DealClosedFacts & { reason: string | null }>;

export type DealLost = EventOf<'DealLost', DealClosedFacts & { reason: string }>;

// `closedAt` and `lostReason` are those of the loss being undone, so that a projection can take
// it back out of its figures.
export type DealReopened = EventOf<
  'DealReopened',
  {
    dealId: string;
    pipelineId: string;
    stageId: string;
    ownerId: string;
    amountMinor: number;
    visitedStageIds: string[];
    closedAt: string;
    lostReason: string;
  } & DealOrigin
>;

// `enteredAt` is when the current visit began; for a closed deal, when its last visit began.
export type DealReassigned = EventOf<
  'DealReassigned',
  {
    dealId: string;
    from: string;
    to: string;
    pipelineId: string;
    stageId: string;
    status: DealStatus;
    enteredAt: string;
  }
>;

export type Change<T> = { from: T; to: T };

export type DealChanges = {
  title?: Change<string>;
  amountMinor?: Change<number>;
  expectedCloseDate?: Change<string | null>;
};

export type DealUpdated = EventOf<
  'DealUpdated',
  {
    dealId: string;
    changes: DealChanges;
    pipelineId: string;
    ownerId: string;
    status: DealStatus;
    stageId: string;
  }
>;

export type DealEvent =
  | DealOpened
  | DealStageAdvanced
  | ActivityLogged
  | DealWon
  | DealLost
  | DealReopened
  | DealReassigned
  | DealUpdated;
