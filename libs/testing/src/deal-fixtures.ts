import {
  DEFAULT_PIPELINE,
  type ActivityLogged,
  type DealLost,
  type DealOpened,
  type DealOrigin,
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

// The facts D1 repeats on its stage moves, closes and reopenings: opened directly, from 'web'.
export const DEAL_ORIGIN: DealOrigin = {
  accountId: 'acme',
  source: 'web',
  leadId: null,
  openedAt: DEAL_TIMES.opened,
  start: DEAL_TIMES.opened,
};

// Unless told otherwise, a deal has visited only the stage an event finds it in, as when it
// was opened there: `visitedStageIds` defaults from `from` or `stageId`.

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

export const dealStageAdvanced = (data: Partial<DealStageAdvanced['data']> = {}): DealStageAdvanced => {
  const from = data.from ?? 'prospecting';
  return {
    type: 'DealStageAdvanced',
    data: {
      dealId: 'D1',
      pipelineId: 'default',
      from,
      to: 'qualification',
      direction: 'forward',
      enteredAt: DEAL_TIMES.opened,
      ownerId: 'alice',
      amountMinor: 500_000,
      ...DEAL_ORIGIN,
      visitedStageIds: [from],
      occurredAt: DEAL_TIMES.day2,
      ...data,
    },
  };
};

const closedFacts = (stageId: string) => ({
  dealId: 'D1',
  pipelineId: 'default',
  stageId,
  enteredAt: DEAL_TIMES.opened,
  ownerId: 'alice',
  amountMinor: 500_000,
  ...DEAL_ORIGIN,
  competitor: null,
  visitedStageIds: [stageId],
  occurredAt: DEAL_TIMES.day3,
});

export const dealWon = (data: Partial<DealWon['data']> = {}): DealWon => ({
  type: 'DealWon',
  data: { ...closedFacts(data.stageId ?? 'prospecting'), reason: null, ...data },
});

export const dealLost = (data: Partial<DealLost['data']> = {}): DealLost => ({
  type: 'DealLost',
  data: { ...closedFacts(data.stageId ?? 'prospecting'), reason: 'price', ...data },
});

// Undoes dealLost() as it comes by default: lost on day 3 for 'price'.
export const dealReopened = (data: Partial<DealReopened['data']> = {}): DealReopened => {
  const stageId = data.stageId ?? 'prospecting';
  return {
    type: 'DealReopened',
    data: {
      dealId: 'D1',
      pipelineId: 'default',
      stageId,
      ownerId: 'alice',
      amountMinor: 500_000,
      ...DEAL_ORIGIN,
      visitedStageIds: [stageId],
      closedAt: DEAL_TIMES.day3,
      lostReason: 'price',
      occurredAt: DEAL_TIMES.day4,
      ...data,
    },
  };
};

export const dealReassigned = (data: Partial<DealReassigned['data']> = {}): DealReassigned => ({
  type: 'DealReassigned',
  data: {
    dealId: 'D1',
    from: 'alice',
    to: 'bob',
    pipelineId: 'default',
    stageId: 'prospecting',
    status: 'open',
    enteredAt: DEAL_TIMES.opened,
    occurredAt: DEAL_TIMES.day2,
    ...data,
  },
});

// The second argument is the time alone, or any other fields of the event.
export const dealUpdated = (
  changes: DealUpdated['data']['changes'],
  occurredAtOrData: string | Partial<Omit<DealUpdated['data'], 'changes'>> = {},
): DealUpdated => {
  const data = typeof occurredAtOrData === 'string' ? { occurredAt: occurredAtOrData } : occurredAtOrData;
  return {
    type: 'DealUpdated',
    data: {
      dealId: 'D1',
      changes,
      pipelineId: 'default',
      ownerId: 'alice',
      status: 'open',
      stageId: 'prospecting',
      occurredAt: DEAL_TIMES.day2,
      ...data,
    },
  };
};

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
