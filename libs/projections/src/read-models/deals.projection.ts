import type { DocState, ProjectedEvent, Projection, ProjectionWrite } from '../runtime/projection.js';

// One document per deal: its current facts plus what reports filter on (owner at opening and at
// close, the stages it has visited, when its current visit began).
export type DealDoc = {
  dealId: string;
  title: string;
  accountId: string;
  ownerId: string;
  openOwnerId: string;
  closeOwnerId: string | null;
  pipelineId: string;
  stageId: string;
  status: 'open' | 'won' | 'lost';
  amountMinor: number;
  openedAt: string;
  closedAt: string | null;
  start: string;
  leadId: string | null;
  source: string | null;
  expectedCloseDate: string | null;
  lossReason: string | null;
  competitor: string | null;
  visitedStageIds: string[];
  visitEnteredAt: string;
  activityCount: number;
  lastActivityAt: string | null;
  updatedAt: string;
};

export const DEALS = 'deals';

type Data = Record<string, unknown>;
const str = (data: Data, field: string) => data[field] as string;
const orNull = (data: Data, field: string) => (data[field] ?? null) as string | null;

function opened(data: Data): DealDoc {
  const at = str(data, 'occurredAt');
  return {
    dealId: str(data, 'dealId'),
    title: str(data, 'title'),
    accountId: str(data, 'accountId'),
    ownerId: str(data, 'ownerId'),
    openOwnerId: str(data, 'ownerId'),
    closeOwnerId: null,
    pipelineId: str(data, 'pipelineId'),
    stageId: str(data, 'stageId'),
    status: 'open',
    amountMinor: data.amountMinor as number,
    openedAt: at,
    closedAt: null,
    start: orNull(data, 'leadCapturedAt') ?? at,
    leadId: orNull(data, 'leadId'),
    source: orNull(data, 'source'),
    expectedCloseDate: orNull(data, 'expectedCloseDate'),
    lossReason: null,
    competitor: null,
    visitedStageIds: [str(data, 'stageId')],
    visitEnteredAt: at,
    activityCount: 0,
    lastActivityAt: null,
    updatedAt: at,
  };
}

const visit = (deal: DealDoc, stageId: string) =>
  deal.visitedStageIds.includes(stageId) ? deal.visitedStageIds : [...deal.visitedStageIds, stageId];

function evolveDeal(deal: DealDoc, event: ProjectedEvent): DealDoc {
  const data = event.data;
  const at = str(data, 'occurredAt');
  switch (event.type) {
    case 'DealStageAdvanced':
      return {
        ...deal,
        stageId: str(data, 'to'),
        visitedStageIds: visit(deal, str(data, 'to')),
        visitEnteredAt: at,
        updatedAt: at,
      };
    case 'DealWon':
    case 'DealLost':
      return {
        ...deal,
        status: event.type === 'DealWon' ? 'won' : 'lost',
        amountMinor: data.amountMinor as number,
        closedAt: at,
        closeOwnerId: str(data, 'ownerId'),
        lossReason: event.type === 'DealLost' ? str(data, 'reason') : null,
        competitor: orNull(data, 'competitor'),
        updatedAt: at,
      };
    case 'DealReopened':
      return {
        ...deal,
        status: 'open',
        stageId: str(data, 'stageId'),
        closedAt: null,
        closeOwnerId: null,
        lossReason: null,
        competitor: null,
        visitEnteredAt: at,
        updatedAt: at,
      };
    case 'DealReassigned':
      return { ...deal, ownerId: str(data, 'to'), updatedAt: at };
    case 'DealUpdated': {
      const changes = data.changes as {
        title?: { to: string };
        amountMinor?: { to: number };
        expectedCloseDate?: { to: string | null };
      };
      return {
        ...deal,
        title: changes.title ? changes.title.to : deal.title,
        amountMinor: changes.amountMinor ? changes.amountMinor.to : deal.amountMinor,
        expectedCloseDate: changes.expectedCloseDate ? changes.expectedCloseDate.to : deal.expectedCloseDate,
        updatedAt: at,
      };
    }
    case 'ActivityLogged':
      return {
        ...deal,
        activityCount: deal.activityCount + 1,
        lastActivityAt: deal.lastActivityAt && deal.lastActivityAt > at ? deal.lastActivityAt : at,
      };
    default:
      return deal;
  }
}

export const dealsProjection: Projection = {
  name: 'deals',
  version: 3,
  eventTypes: [
    'DealOpened',
    'DealStageAdvanced',
    'DealWon',
    'DealLost',
    'DealReopened',
    'DealReassigned',
    'DealUpdated',
    'ActivityLogged',
  ],
  streamPrefixes: ['deal-'],
  collections: [DEALS],
  indexes: [
    { collection: DEALS, fields: ['status', 'ownerId'] },
    { collection: DEALS, fields: ['pipelineId', 'stageId'] },
    { collection: DEALS, fields: ['pipelineId', 'openedAt'] },
    // Reports over every pipeline (reps) read openings by time alone; snapshots of a pipeline's
    // open deals (pipeline report) must not walk its closed history; attainment reads only the
    // wins of a period.
    { collection: DEALS, fields: ['openedAt'] },
    { collection: DEALS, fields: ['status', 'pipelineId', 'stageId'] },
    { collection: DEALS, fields: ['status', 'closedAt'] },
    { collection: DEALS, fields: ['closedAt'] },
    { collection: DEALS, fields: ['status', 'expectedCloseDate'] },
    { collection: DEALS, fields: ['accountId'] },
  ],
  keys: (event) => {
    const dealId = event.data.dealId;
    return typeof dealId === 'string' ? [{ collection: DEALS, id: dealId }] : [];
  },
  evolve: (event, docs): ProjectionWrite[] => {
    const dealId = event.data.dealId;
    if (typeof dealId !== 'string') return [];
    if (event.type === 'DealOpened')
      return [{ op: 'put', collection: DEALS, id: dealId, doc: opened(event.data) }];
    const deal = docs(DEALS, dealId) as DealDoc | null;
    if (!deal) return [];
    return [
      { op: 'put', collection: DEALS, id: dealId, doc: evolveDeal(deal, event) as unknown as DocState },
    ];
  },
};
