import { describe, it } from '@jest/globals';
import {
  DEAL_TIMES as T,
  dealActivity,
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
import type { AdvanceStage, LogDealActivity, OpenDeal } from './deal.commands.js';
import { dealDecider } from './deal.decider.js';

const open = (overrides: Partial<OpenDeal> = {}): OpenDeal => ({
  type: 'OpenDeal',
  dealId: 'D1',
  title: 'Acme rollout',
  accountId: 'acme',
  ownerId: 'alice',
  amountMinor: 500_000,
  pipelineId: 'default',
  source: 'web',
  expectedCloseDate: '2026-06-30',
  pipeline: DEFAULT_PIPELINE,
  occurredAt: T.opened,
  now: T.now,
  ...overrides,
});
const advance = (stageId: string, overrides: Partial<AdvanceStage> = {}): AdvanceStage => ({
  type: 'AdvanceStage',
  dealId: 'D1',
  stageId,
  pipeline: DEFAULT_PIPELINE,
  occurredAt: T.day2,
  now: T.now,
  ...overrides,
});
const logActivity = (overrides: Partial<LogDealActivity> = {}): LogDealActivity => ({
  type: 'LogDealActivity',
  dealId: 'D1',
  activityId: 'A1',
  activityType: 'call',
  occurredAt: T.day2,
  now: T.now,
  ...overrides,
});

const lead = { leadId: 'L1', source: 'referral', ownerId: 'carol', capturedAt: T.captured };

describe('OpenDeal', () => {
  it('opens in the first stage of the pipeline by default', () => {
    given(dealDecider, []).when(open()).then([dealOpened()]);
  });

  it('opens in the stage asked for', () => {
    given(dealDecider, [])
      .when(open({ stageId: 'quote' }))
      .then([dealOpened({ stageId: 'quote' })]);
  });

  it('records no source and no expected close date as null', () => {
    given(dealDecider, [])
      .when(open({ source: undefined, expectedCloseDate: null }))
      .then([dealOpened({ source: null, expectedCloseDate: null })]);
  });

  it("from a lead, inherits the lead's owner and source and records where it started", () => {
    given(dealDecider, [])
      .when(open({ lead, ownerId: undefined, source: 'web' }))
      .then([dealOpened({ ownerId: 'carol', source: 'referral', leadId: 'L1', leadCapturedAt: T.captured })]);
  });

  it('refuses an existing deal with DEAL_EXISTS', () => {
    given(dealDecider, [dealOpened()]).when(open()).thenThrows('DEAL_EXISTS');
  });

  it('refuses an unknown pipeline with UNKNOWN_PIPELINE', () => {
    given(dealDecider, [])
      .when(open({ pipelineId: 'nope', pipeline: null }))
      .thenThrows('UNKNOWN_PIPELINE');
  });

  it("refuses a definition that is not the deal's pipeline with UNKNOWN_PIPELINE", () => {
    given(dealDecider, [])
      .when(open({ pipelineId: 'enterprise' }))
      .thenThrows('UNKNOWN_PIPELINE');
  });

  it('refuses a stage outside the pipeline with UNKNOWN_STAGE', () => {
    given(dealDecider, [])
      .when(open({ stageId: 'negotiation' }))
      .thenThrows('UNKNOWN_STAGE', {
        stageId: 'negotiation',
      });
  });

  it.each([
    ['negative', -1],
    ['fractional', 10.5],
  ])('refuses a %s amount with INVALID_AMOUNT', (_label, amountMinor) => {
    given(dealDecider, []).when(open({ amountMinor })).thenThrows('INVALID_AMOUNT');
  });

  it.each([
    ['an impossible expected close date', { expectedCloseDate: '2026-02-30' }],
    ['no owner and no lead', { ownerId: undefined }],
    ['a blank title', { title: '   ' }],
    ['a malformed deal id', { dealId: 'D 1' }],
  ])('refuses %s with VALIDATION_FAILED', (_label, overrides) => {
    given(dealDecider, []).when(open(overrides)).thenThrows('VALIDATION_FAILED');
  });

  it('refuses a time more than 5 minutes ahead of now', () => {
    given(dealDecider, [])
      .when(open({ occurredAt: '2026-03-10T12:06:00.000Z' }))
      .thenThrows('OCCURRED_IN_FUTURE');
  });

  it("refuses an opening before its lead's capture with OUT_OF_ORDER", () => {
    given(dealDecider, [])
      .when(open({ lead, occurredAt: '2026-02-19T00:00:00.000Z' }))
      .thenThrows('OUT_OF_ORDER');
  });
});

describe('AdvanceStage', () => {
  it('moves forward, recording when the left visit began, the owner and the amount', () => {
    given(dealDecider, [dealOpened()]).when(advance('qualification')).then([dealStageAdvanced()]);
  });

  it('may skip stages', () => {
    given(dealDecider, [dealOpened()])
      .when(advance('contract'))
      .then([dealStageAdvanced({ to: 'contract' })]);
  });

  it('moves backward by pipeline order', () => {
    given(dealDecider, [dealOpened({ stageId: 'quote' })])
      .when(advance('qualification'))
      .then([dealStageAdvanced({ from: 'quote', to: 'qualification', direction: 'backward' })]);
  });

  it("uses the pipeline's current order", () => {
    const reordered: PipelineDefinition = {
      ...DEFAULT_PIPELINE,
      stages: [...DEFAULT_PIPELINE.stages].reverse(),
    };
    given(dealDecider, [dealOpened()])
      .when(advance('qualification', { pipeline: reordered }))
      .then([dealStageAdvanced({ direction: 'backward' })]);
  });

  it('records the visit entered by the previous move, the current owner and the current amount', () => {
    const inQualification = { stageId: 'qualification', enteredAt: T.day2 };
    given(dealDecider, [
      dealOpened(),
      dealStageAdvanced(),
      dealReassigned({ ...inQualification, occurredAt: T.day3 }),
      dealUpdated({ amountMinor: { from: 500_000, to: 750_000 } }, { ownerId: 'bob', occurredAt: T.day3 }),
    ])
      .when(advance('quote', { occurredAt: T.day4 }))
      .then([
        dealStageAdvanced({
          from: 'qualification',
          to: 'quote',
          enteredAt: T.day2,
          ownerId: 'bob',
          amountMinor: 750_000,
          visitedStageIds: ['prospecting', 'qualification'],
          occurredAt: T.day4,
        }),
      ]);
  });

  it('after a reopening, the left visit began at the reopening', () => {
    given(dealDecider, [dealOpened(), dealLost(), dealReopened()])
      .when(advance('qualification', { occurredAt: T.day5 }))
      .then([dealStageAdvanced({ enteredAt: T.day4, occurredAt: T.day5 })]);
  });

  it('refuses a missing deal with DEAL_NOT_FOUND', () => {
    given(dealDecider, []).when(advance('qualification')).thenThrows('DEAL_NOT_FOUND');
  });

  it.each([
    ['won', dealWon({ occurredAt: T.day2 })],
    ['lost', dealLost({ occurredAt: T.day2 })],
  ])('refuses a %s deal with DEAL_CLOSED', (_label, closed) => {
    given(dealDecider, [dealOpened(), closed])
      .when(advance('qualification', { occurredAt: T.day3 }))
      .thenThrows('DEAL_CLOSED');
  });

  it('refuses the current stage with ALREADY_IN_STAGE', () => {
    given(dealDecider, [dealOpened()]).when(advance('prospecting')).thenThrows('ALREADY_IN_STAGE');
  });

  it('refuses a stage outside the pipeline with UNKNOWN_STAGE', () => {
    given(dealDecider, [dealOpened()]).when(advance('negotiation')).thenThrows('UNKNOWN_STAGE');
  });

  it('refuses when the pipeline is unknown with UNKNOWN_PIPELINE', () => {
    given(dealDecider, [dealOpened()])
      .when(advance('quote', { pipeline: null }))
      .thenThrows('UNKNOWN_PIPELINE');
  });

  it('refuses a time before the latest event on the deal with OUT_OF_ORDER, allows the same time', () => {
    given(dealDecider, [dealOpened()])
      .when(advance('quote', { occurredAt: '2026-03-01T08:59:59.999Z' }))
      .thenThrows('OUT_OF_ORDER');
    given(dealDecider, [dealOpened()])
      .when(advance('qualification', { occurredAt: T.opened }))
      .then([dealStageAdvanced({ occurredAt: T.opened })]);
  });

  it('refuses a time more than 5 minutes ahead of now', () => {
    given(dealDecider, [dealOpened()])
      .when(advance('quote', { occurredAt: '2026-03-11T00:00:00.000Z' }))
      .thenThrows('OCCURRED_IN_FUTURE');
  });
});

describe('LogDealActivity', () => {
  it("records the deal's lead and defaults performedBy to the current owner", () => {
    given(dealDecider, [dealOpened({ leadId: 'L1', leadCapturedAt: T.captured }), dealReassigned()])
      .when(logActivity({ activityType: 'meeting', outcome: 'positive', notes: ' went well ' }))
      .then([
        dealActivity({
          leadId: 'L1',
          type: 'meeting',
          performedBy: 'bob',
          ownerId: 'bob',
          outcome: 'positive',
          notes: 'went well',
        }),
      ]);
  });

  it('keeps performedBy when given', () => {
    given(dealDecider, [dealOpened()])
      .when(logActivity({ performedBy: 'dave', activityType: 'quote_sent' }))
      .then([dealActivity({ performedBy: 'dave', type: 'quote_sent' })]);
  });

  it.each([
    ['won', dealWon({ occurredAt: T.day2 })],
    ['lost', dealLost({ occurredAt: T.day2 })],
  ])('is allowed on a %s deal', (_label, closed) => {
    given(dealDecider, [dealOpened(), closed])
      .when(logActivity({ occurredAt: T.day3 }))
      .then([dealActivity({ occurredAt: T.day3 })]);
  });

  it('refuses a missing deal with DEAL_NOT_FOUND', () => {
    given(dealDecider, []).when(logActivity()).thenThrows('DEAL_NOT_FOUND');
  });

  it('refuses an activity id already logged with ACTIVITY_EXISTS', () => {
    given(dealDecider, [dealOpened(), dealActivity()])
      .when(logActivity({ occurredAt: T.day3 }))
      .thenThrows('ACTIVITY_EXISTS');
  });

  it('refuses a time before the latest event on the deal with OUT_OF_ORDER', () => {
    given(dealDecider, [dealOpened(), dealActivity({ occurredAt: T.day3 })])
      .when(logActivity({ activityId: 'A2', occurredAt: T.day2 }))
      .thenThrows('OUT_OF_ORDER');
  });
});
