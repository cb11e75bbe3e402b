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
import { DEFAULT_PIPELINE, type PipelineDefinition } from '../pipeline/pipeline.definition.js';
import type { CloseDeal, ReassignDeal, ReopenDeal, UpdateDeal } from './deal.commands.js';
import { dealDecider } from './deal.decider.js';

const close = (overrides: Partial<CloseDeal> = {}): CloseDeal => ({
  type: 'CloseDeal',
  dealId: 'D1',
  outcome: 'won',
  occurredAt: T.day3,
  now: T.now,
  ...overrides,
});
const reopen = (overrides: Partial<ReopenDeal> = {}): ReopenDeal => ({
  type: 'ReopenDeal',
  dealId: 'D1',
  pipeline: DEFAULT_PIPELINE,
  occurredAt: T.day4,
  now: T.now,
  ...overrides,
});
const reassign = (overrides: Partial<ReassignDeal> = {}): ReassignDeal => ({
  type: 'ReassignDeal',
  dealId: 'D1',
  ownerId: 'bob',
  occurredAt: T.day2,
  now: T.now,
  ...overrides,
});
const update = (overrides: Partial<UpdateDeal> = {}): UpdateDeal => ({
  type: 'UpdateDeal',
  dealId: 'D1',
  occurredAt: T.day2,
  now: T.now,
  ...overrides,
});

const fromLead = dealOpened({ leadId: 'L1', leadCapturedAt: T.captured, source: 'referral' });

describe('CloseDeal', () => {
  it('wins at the current amount, in the current visit, starting at the opening', () => {
    given(dealDecider, [dealOpened()]).when(close()).then([dealWon()]);
  });

  it('wins at the final amount given, with a reason and a competitor', () => {
    given(dealDecider, [dealOpened()])
      .when(close({ amountMinor: 480_000, reason: 'best fit', competitor: 'Globex' }))
      .then([dealWon({ amountMinor: 480_000, reason: 'best fit', competitor: 'Globex' })]);
  });

  it("starts a converted deal at its lead's capture", () => {
    given(dealDecider, [fromLead])
      .when(close())
      .then([dealWon({ leadId: 'L1', source: 'referral', start: T.captured })]);
  });

  it('closes in the current visit with the owner at the time', () => {
    const inQualification = { stageId: 'qualification', enteredAt: T.day2 };
    given(dealDecider, [dealOpened(), dealStageAdvanced(), dealReassigned(inQualification)])
      .when(close())
      .then([
        dealWon({
          ...inQualification,
          ownerId: 'bob',
          visitedStageIds: ['prospecting', 'qualification'],
        }),
      ]);
  });

  it('loses with a reason and a competitor, at the current amount', () => {
    given(dealDecider, [dealOpened(), dealUpdated({ amountMinor: { from: 500_000, to: 520_000 } })])
      .when(close({ outcome: 'lost', reason: ' price ', competitor: 'Globex' }))
      .then([dealLost({ reason: 'price', competitor: 'Globex', amountMinor: 520_000 })]);
  });

  it.each([
    ['no reason', undefined],
    ['a blank reason', '  '],
  ])('refuses a loss with %s with LOSS_REASON_REQUIRED', (_label, reason) => {
    given(dealDecider, [dealOpened()])
      .when(close({ outcome: 'lost', reason }))
      .thenThrows('LOSS_REASON_REQUIRED');
  });

  it('refuses a final amount on a loss', () => {
    given(dealDecider, [dealOpened()])
      .when(close({ outcome: 'lost', reason: 'price', amountMinor: 1 }))
      .thenThrows('VALIDATION_FAILED');
  });

  it('refuses a negative final amount with INVALID_AMOUNT', () => {
    given(dealDecider, [dealOpened()])
      .when(close({ amountMinor: -5 }))
      .thenThrows('INVALID_AMOUNT');
  });

  it('refuses an outcome other than won or lost', () => {
    given(dealDecider, [dealOpened()])
      .when(close({ outcome: 'abandoned' as CloseDeal['outcome'] }))
      .thenThrows('VALIDATION_FAILED');
  });

  it.each([
    ['won', dealWon()],
    ['lost', dealLost()],
  ])('refuses a %s deal with DEAL_CLOSED', (_label, closed) => {
    given(dealDecider, [dealOpened(), closed])
      .when(close({ occurredAt: T.day4 }))
      .thenThrows('DEAL_CLOSED');
  });

  it('refuses a missing deal with DEAL_NOT_FOUND', () => {
    given(dealDecider, []).when(close()).thenThrows('DEAL_NOT_FOUND');
  });

  it('refuses a time before the latest event on the deal with OUT_OF_ORDER', () => {
    given(dealDecider, [dealOpened(), dealStageAdvanced({ occurredAt: T.day4 })])
      .when(close())
      .thenThrows('OUT_OF_ORDER');
  });
});

describe('ReopenDeal', () => {
  it('returns a lost deal to the stage it was lost in', () => {
    given(dealDecider, [
      dealOpened(),
      dealStageAdvanced(),
      dealLost({
        stageId: 'qualification',
        enteredAt: T.day2,
        visitedStageIds: ['prospecting', 'qualification'],
      }),
    ])
      .when(reopen())
      .then([dealReopened({ stageId: 'qualification', visitedStageIds: ['prospecting', 'qualification'] })]);
  });

  it('leaves the deal open again, closable once more', () => {
    const state = given(dealDecider, [dealOpened(), dealLost()]).when(reopen()).then([dealReopened()]);
    expect(state).toMatchObject({ status: 'open', stageId: 'prospecting', enteredAt: T.day4 });
    given(dealDecider, [dealOpened(), dealLost(), dealReopened()])
      .when(close({ occurredAt: T.day5 }))
      .then([dealWon({ enteredAt: T.day4, occurredAt: T.day5 })]);
  });

  it.each([
    ['an open', []],
    ['a won', [dealWon()]],
  ])('refuses %s deal with DEAL_NOT_LOST', (_label, more) => {
    given(dealDecider, [dealOpened(), ...more])
      .when(reopen())
      .thenThrows('DEAL_NOT_LOST');
  });

  it('refuses when the stage it was lost in is no longer in the pipeline with UNKNOWN_STAGE', () => {
    const withoutProspecting: PipelineDefinition = {
      ...DEFAULT_PIPELINE,
      stages: DEFAULT_PIPELINE.stages.slice(1),
    };
    given(dealDecider, [dealOpened(), dealLost()])
      .when(reopen({ pipeline: withoutProspecting }))
      .thenThrows('UNKNOWN_STAGE');
  });

  it('refuses when the pipeline is unknown with UNKNOWN_PIPELINE', () => {
    given(dealDecider, [dealOpened(), dealLost()])
      .when(reopen({ pipeline: null }))
      .thenThrows('UNKNOWN_PIPELINE');
  });

  it('refuses a missing deal with DEAL_NOT_FOUND', () => {
    given(dealDecider, []).when(reopen()).thenThrows('DEAL_NOT_FOUND');
  });

  it('refuses a time before the loss with OUT_OF_ORDER', () => {
    given(dealDecider, [dealOpened(), dealLost()])
      .when(reopen({ occurredAt: T.day2 }))
      .thenThrows('OUT_OF_ORDER');
  });
});

describe('ReassignDeal', () => {
  it('hands an open deal to another owner', () => {
    given(dealDecider, [dealOpened()]).when(reassign()).then([dealReassigned()]);
  });

  // Reports use the owner recorded on the close, so handing a closed deal over rewrites no figure.
  it.each([
    ['won', dealWon({ occurredAt: T.day2 })],
    ['lost', dealLost({ occurredAt: T.day2 })],
  ] as const)('hands a %s deal over too', (status, closed) => {
    given(dealDecider, [dealOpened(), closed])
      .when(reassign({ occurredAt: T.day3 }))
      .then([dealReassigned({ status, occurredAt: T.day3 })]);
  });

  it('refuses the current owner with ALREADY_OWNER', () => {
    given(dealDecider, [dealOpened()])
      .when(reassign({ ownerId: 'alice' }))
      .thenThrows('ALREADY_OWNER');
  });

  it('refuses a missing deal with DEAL_NOT_FOUND', () => {
    given(dealDecider, []).when(reassign()).thenThrows('DEAL_NOT_FOUND');
  });

  it('refuses a time before the latest event on the deal with OUT_OF_ORDER', () => {
    given(dealDecider, [dealOpened()])
      .when(reassign({ occurredAt: '2026-02-01T00:00:00.000Z' }))
      .thenThrows('OUT_OF_ORDER');
  });
});

describe('UpdateDeal', () => {
  it('records old and new values of the changed fields only', () => {
    given(dealDecider, [dealOpened()])
      .when(update({ title: 'Acme rollout', amountMinor: 650_000, expectedCloseDate: '2026-06-30' }))
      .then([dealUpdated({ amountMinor: { from: 500_000, to: 650_000 } })]);
  });

  it('changes every field at once', () => {
    given(dealDecider, [dealOpened()])
      .when(update({ title: 'Acme global rollout', amountMinor: 0, expectedCloseDate: '2026-09-30' }))
      .then([
        dealUpdated({
          title: { from: 'Acme rollout', to: 'Acme global rollout' },
          amountMinor: { from: 500_000, to: 0 },
          expectedCloseDate: { from: '2026-06-30', to: '2026-09-30' },
        }),
      ]);
  });

  it('clears the expected close date with null', () => {
    given(dealDecider, [dealOpened()])
      .when(update({ expectedCloseDate: null }))
      .then([dealUpdated({ expectedCloseDate: { from: '2026-06-30', to: null } })]);
  });

  it('compares with the values after earlier updates', () => {
    given(dealDecider, [dealOpened(), dealUpdated({ title: { from: 'Acme rollout', to: 'Acme v2' } })])
      .when(update({ title: 'Acme v2', occurredAt: T.day3 }))
      .thenThrows('NOTHING_TO_UPDATE');
  });

  it.each([
    ['nothing given', {}],
    [
      'only the current values',
      { title: 'Acme rollout', amountMinor: 500_000, expectedCloseDate: '2026-06-30' },
    ],
  ])('refuses %s with NOTHING_TO_UPDATE', (_label, overrides) => {
    given(dealDecider, [dealOpened()]).when(update(overrides)).thenThrows('NOTHING_TO_UPDATE');
  });

  it.each([
    ['won', dealWon({ occurredAt: T.day2 })],
    ['lost', dealLost({ occurredAt: T.day2 })],
  ])('refuses a %s deal with DEAL_CLOSED', (_label, closed) => {
    given(dealDecider, [dealOpened(), closed])
      .when(update({ amountMinor: 1 }))
      .thenThrows('DEAL_CLOSED');
  });

  it.each([
    ['a negative amount', { amountMinor: -1 }, 'INVALID_AMOUNT'],
    ['an impossible date', { expectedCloseDate: '2026-06-31' }, 'VALIDATION_FAILED'],
    ['a blank title', { title: '' }, 'VALIDATION_FAILED'],
  ] as const)('refuses %s', (_label, overrides, code) => {
    given(dealDecider, [dealOpened()]).when(update(overrides)).thenThrows(code);
  });

  it('refuses a missing deal with DEAL_NOT_FOUND', () => {
    given(dealDecider, [])
      .when(update({ title: 'x' }))
      .thenThrows('DEAL_NOT_FOUND');
  });

  it('refuses a time before the latest event on the deal with OUT_OF_ORDER', () => {
    given(dealDecider, [dealOpened()])
      .when(update({ title: 'x', occurredAt: '2026-02-01T00:00:00.000Z' }))
      .thenThrows('OUT_OF_ORDER');
  });
});
