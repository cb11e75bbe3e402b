import {
  DEFAULT_PIPELINE,
  type ActivityLogged,
  type DealLost,
  type DealOpened,
  type DealReassigned,
  type DealReopened,
  type DealStageAdvanced,
  type DealUpdated,
  type DealWon,
} from '@sales/domain';

// One deal, D1, on the default pipeline, opened on 1 March 2026; a day per step after that.
export const DEAL_TIMES = {
  captured: '2026-02-20T09:00:00.000Z',
  opened: '2026-03-01T09:00:00.000Z',
  day2: '2026-03-02T09:00:00.000Z',
  day3: '2026-03-03T09:00:00.000Z',
  day4: '2026-03-04T09:00:00.000Z',
  day5: '2026-03-05T09:00:00.000Z',
  now: '2026-03-10T12:00:00.000Z',
} as const;

export const DEFAULT_STAGES = DEFAULT_PIPELINE.stages.map((stage) => stage.id);

export const dealOpened = (data: Partial<DealOpened['data']> = {}): DealOpened => ({
  type: 'DealOpened',
  data: {
    dealId: 'D1',
    title: 'Acme rollout',
    accountId: 'acme',
    ownerId: 'alice',
    amountMinor: 500_000,
    pipelineId: 'default',
    stageId: 'prospecting',
    source: 'web',
    leadId: null,
    leadCapturedAt: null,
    expectedCloseDate: '2026-06-30',
    occurredAt: DEAL_TIMES.opened,
    ...data,
  },
});

export const dealStageAdvanced = (data: Partial<DealStageAdvanced['data']> = {}): DealStageAdvanced => ({
  type: 'DealStageAdvanced',
  data: {
    dealId: 'D1',
    pipelineId: 'default',
    from: 'prospecting',
    to: 'qualification',
    direction: 'forward',
    enteredAt: DEAL_TIMES.opened,
    ownerId: 'alice',
    amountMinor: 500_000,
    occurredAt: DEAL_TIMES.day2,
    ...data,
  },
});

const closedFacts = {
  dealId: 'D1',
  pipelineId: 'default',
  stageId: 'prospecting',
  enteredAt: DEAL_TIMES.opened,
  ownerId: 'alice',
  amountMinor: 500_000,
  accountId: 'acme',
  source: 'web',
  leadId: null,
  openedAt: DEAL_TIMES.opened,
  start: DEAL_TIMES.opened,
  competitor: null,
  occurredAt: DEAL_TIMES.day3,
};

export const dealWon = (data: Partial<DealWon['data']> = {}): DealWon => ({
  type: 'DealWon',
  data: { ...closedFacts, reason: null, ...data },
});

export const dealLost = (data: Partial<DealLost['data']> = {}): DealLost => ({
  type: 'DealLost',
  data: { ...closedFacts, reason: 'price', ...data },
});

export const dealReopened = (data: Partial<DealReopened['data']> = {}): DealReopened => ({
  type: 'DealReopened',
  data: {
    dealId: 'D1',
    pipelineId: 'default',
    stageId: 'prospecting',
    ownerId: 'alice',
    amountMinor: 500_000,
    occurredAt: DEAL_TIMES.day4,
    ...data,
  },
});

export const dealReassigned = (data: Partial<DealReassigned['data']> = {}): DealReassigned => ({
  type: 'DealReassigned',
  data: { dealId: 'D1', from: 'alice', to: 'bob', occurredAt: DEAL_TIMES.day2, ...data },
});

export const dealUpdated = (
  changes: DealUpdated['data']['changes'],
  occurredAt: string = DEAL_TIMES.day2,
): DealUpdated => ({ type: 'DealUpdated', data: { dealId: 'D1', changes, occurredAt } });

export const dealActivity = (data: Partial<ActivityLogged['data']> = {}): ActivityLogged => ({
  type: 'ActivityLogged',
  data: {
    activityId: 'A1',
    entity: 'deal',
    leadId: null,
    dealId: 'D1',
    type: 'call',
    performedBy: 'alice',
    ownerId: 'alice',
    outcome: null,
    notes: null,
    occurredAt: DEAL_TIMES.day2,
    ...data,
  },
});
