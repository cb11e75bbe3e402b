import type { ActivityLogged } from '../shared/activity.js';
import type { EventOf } from '../shared/event.js';

// Every event carries what the reports need about the deal at that moment (owner, amount,
// the visit it ends, where the deal started) so that no projection looks anything up.

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
  }
>;

type DealClosedFacts = {
  dealId: string;
  pipelineId: string;
  stageId: string;
  enteredAt: string;
  ownerId: string;
  amountMinor: number;
  accountId: string;
  source: string | null;
  leadId: string | null;
  openedAt: string;
  start: string;
  competitor: string | null;
};

export type DealWon = EventOf<'DealWon', DealClosedFacts & { reason: string | null }>;

export type DealLost = EventOf<'DealLost', DealClosedFacts & { reason: string }>;

export type DealReopened = EventOf<
  'DealReopened',
  { dealId: string; pipelineId: string; stageId: string; ownerId: string; amountMinor: number }
>;

export type DealReassigned = EventOf<'DealReassigned', { dealId: string; from: string; to: string }>;

export type Change<T> = { from: T; to: T };

export type DealChanges = {
  title?: Change<string>;
  amountMinor?: Change<number>;
  expectedCloseDate?: Change<string | null>;
};

export type DealUpdated = EventOf<'DealUpdated', { dealId: string; changes: DealChanges }>;

export type DealEvent =
  | DealOpened
  | DealStageAdvanced
  | ActivityLogged
  | DealWon
  | DealLost
  | DealReopened
  | DealReassigned
  | DealUpdated;
