import { describe, expect, it } from '@jest/globals';
import {
  DEAL_TIMES as T,
  dealLost,
  dealOpened,
  dealReassigned,
  dealReopened,
  dealStageAdvanced,
  dealUpdated,
  dealWon,
  given,
} from '@sales/testing';
import { DEFAULT_PIPELINE } from '../pipeline/pipeline.definition.js';
import type { AdvanceStage, CloseDeal, DealCommand } from './deal.commands.js';
import { dealDecider } from './deal.decider.js';
import type { DealEvent } from './deal.events.js';

// The facts deal events repeat from the decider state so that a projection needs nothing but
// the document it updates and the event: where the deal comes from, the stages it has visited,
// and where it stands when it is reassigned or updated.

const advance = (stageId: string, occurredAt: string): AdvanceStage => ({
  type: 'AdvanceStage',
  dealId: 'D1',
  stageId,
  pipeline: DEFAULT_PIPELINE,
  occurredAt,
  now: T.now,
});
const close = (outcome: CloseDeal['outcome'], occurredAt: string): CloseDeal => ({
  type: 'CloseDeal',
  dealId: 'D1',
  outcome,
  reason: outcome === 'lost' ? 'price' : null,
  occurredAt,
  now: T.now,
});
const reopen = (occurredAt: string): DealCommand => ({
  type: 'ReopenDeal',
  dealId: 'D1',
  pipeline: DEFAULT_PIPELINE,
  occurredAt,
  now: T.now,
});
const reassign = (occurredAt: string): DealCommand => ({
  type: 'ReassignDeal',
  dealId: 'D1',
  ownerId: 'bob',
  occurredAt,
  now: T.now,
});
const update = (occurredAt: string): DealCommand => ({
  type: 'UpdateDeal',
  dealId: 'D1',
  amountMinor: 600_000,
  occurredAt,
  now: T.now,
});

const fromLead = dealOpened({
  leadId: 'L1',
  leadCapturedAt: T.captured,
  source: 'referral',
  ownerId: 'carol',
});
const leadOrigin = { leadId: 'L1', source: 'referral', start: T.captured };

// prospecting → quote → qualification (backward) → lost → reopened → won.
const seen = ['prospecting', 'quote', 'qualification'];
const journey: DealEvent[] = [
  dealOpened(),
  dealStageAdvanced({ to: 'quote', visitedStageIds: ['prospecting'] }),
  dealStageAdvanced({
    from: 'quote',
    to: 'qualification',
    direction: 'backward',
    enteredAt: T.day2,
    visitedStageIds: ['prospecting', 'quote'],
    occurredAt: T.day3,
  }),
  dealLost({ stageId: 'qualification', enteredAt: T.day3, visitedStageIds: seen, occurredAt: T.day4 }),
  dealReopened({
    stageId: 'qualification',
    visitedStageIds: seen,
    closedAt: T.day4,
    lostReason: 'price',
    occurredAt: T.day5,
  }),
  dealWon({ stageId: 'qualification', enteredAt: T.day5, visitedStageIds: seen, occurredAt: T.now }),
];
const journeyCommands: DealCommand[] = [
  advance('quote', T.day2),
  advance('qualification', T.day3),
  close('lost', T.day4),
  reopen(T.day5),
  close('won', T.now),
];

// What each event carried before these facts were added to it.
const ADDED_FIELDS: Partial<Record<DealEvent['type'], string[]>> = {
  DealStageAdvanced: ['visitedStageIds', 'accountId', 'source', 'leadId', 'openedAt', 'start'],
  DealWon: ['visitedStageIds'],
  DealLost: ['visitedStageIds'],
  DealReopened: [
    'visitedStageIds',
    'accountId',
    'source',
    'leadId',
    'openedAt',
    'start',
    'closedAt',
    'lostReason',
  ],
  DealReassigned: ['pipelineId', 'stageId', 'status', 'enteredAt'],
  DealUpdated: ['pipelineId', 'ownerId', 'status', 'stageId'],
};
const asRecordedBefore = (event: DealEvent): DealEvent => {
  const data: Record<string, unknown> = { ...event.data };
  for (const field of ADDED_FIELDS[event.type] ?? []) delete data[field];
  return { ...event, data } as DealEvent;
};

describe('visited stages', () => {
  it('are carried on every move, close and reopening of a deal that moves back, is lost, reopened and won', () => {
    journeyCommands.forEach((command, i) => {
      const state = given(dealDecider, journey.slice(0, i + 1))
        .when(command)
        .then([journey[i + 1]]);
      expect(state).toMatchObject({ visitedStageIds: i === 0 ? ['prospecting', 'quote'] : seen });
    });
  });

  it('keep first-visit order and no repeats when a deal returns to a stage', () => {
    const events = [
      dealOpened(),
      dealStageAdvanced({ to: 'quote' }),
      dealStageAdvanced({
        from: 'quote',
        to: 'prospecting',
        direction: 'backward',
        enteredAt: T.day2,
        visitedStageIds: ['prospecting', 'quote'],
        occurredAt: T.day3,
      }),
    ];
    const state = given(dealDecider, events)
      .when(advance('contract', T.day4))
      .then([
        dealStageAdvanced({
          from: 'prospecting',
          to: 'contract',
          enteredAt: T.day3,
          visitedStageIds: ['prospecting', 'quote'],
          occurredAt: T.day4,
        }),
      ]);
    expect(state).toMatchObject({ visitedStageIds: ['prospecting', 'quote', 'contract'] });
  });

  it('start with the stage a deal was opened in', () => {
    given(dealDecider, [dealOpened({ stageId: 'quote' })])
      .when(close('won', T.day2))
      .then([dealWon({ stageId: 'quote', visitedStageIds: ['quote'], occurredAt: T.day2 })]);
  });

  it('are rebuilt from a stream recorded before events carried them', () => {
    const recorded = journey.slice(0, 4).map(asRecordedBefore);
    given(dealDecider, recorded).when(reopen(T.day5)).then([journey[4]]);
  });
});

describe("the deal's origin", () => {
  it("is carried on a move: the lead's source and capture for a converted deal", () => {
    given(dealDecider, [fromLead])
      .when(advance('quote', T.day2))
      .then([dealStageAdvanced({ to: 'quote', ownerId: 'carol', ...leadOrigin })]);
  });

  it('has a null source when the deal was opened without one', () => {
    given(dealDecider, [dealOpened({ source: null })])
      .when(advance('qualification', T.day2))
      .then([dealStageAdvanced({ source: null })]);
  });

  it('is carried on a reopening, with the time and reason of the loss it undoes', () => {
    given(dealDecider, [fromLead, dealLost({ ownerId: 'carol', reason: 'timing', ...leadOrigin })])
      .when(reopen(T.day4))
      .then([dealReopened({ ownerId: 'carol', lostReason: 'timing', ...leadOrigin })]);
  });
});

describe('where the deal stands', () => {
  const inQualification = { stageId: 'qualification', enteredAt: T.day2 };
  const moved = [dealOpened(), dealStageAdvanced()];

  it('is carried on a reassignment of an open deal: the current visit', () => {
    given(dealDecider, moved)
      .when(reassign(T.day3))
      .then([dealReassigned({ ...inQualification, occurredAt: T.day3 })]);
  });

  it('is carried on a reassignment of a closed deal: its status and the visit it closed in', () => {
    const won = dealWon({ ...inQualification, visitedStageIds: ['prospecting', 'qualification'] });
    given(dealDecider, [...moved, won])
      .when(reassign(T.day4))
      .then([dealReassigned({ ...inQualification, status: 'won', occurredAt: T.day4 })]);
    given(dealDecider, [dealOpened(), dealLost()])
      .when(reassign(T.day4))
      .then([dealReassigned({ status: 'lost', occurredAt: T.day4 })]);
  });

  it('starts a new visit at the reopening', () => {
    given(dealDecider, [dealOpened(), dealLost(), dealReopened()])
      .when(reassign(T.day5))
      .then([dealReassigned({ enteredAt: T.day4, occurredAt: T.day5 })]);
  });

  it('is carried on an update: pipeline, current owner, status and stage', () => {
    given(dealDecider, [...moved, dealReassigned({ ...inQualification, occurredAt: T.day3 })])
      .when(update(T.day4))
      .then([
        dealUpdated(
          { amountMinor: { from: 500_000, to: 600_000 } },
          { ownerId: 'bob', stageId: 'qualification', occurredAt: T.day4 },
        ),
      ]);
  });

  it('is rebuilt from a stream recorded before events carried it', () => {
    const recorded = [...moved, dealReassigned({ ...inQualification, occurredAt: T.day3 })].map(
      asRecordedBefore,
    );
    given(dealDecider, recorded)
      .when(close('won', T.day4))
      .then([
        dealWon({
          ...inQualification,
          ownerId: 'bob',
          visitedStageIds: ['prospecting', 'qualification'],
          occurredAt: T.day4,
        }),
      ]);
  });
});
