import type { DealOpened } from '@sales/domain';
import type { Lookup, ProjectionWrite } from '../runtime/projection.js';
import { type DealMove, dealMove } from './deal-move.js';
import { defineProjection } from './define-projection.js';

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

// Events recorded before a fact was carried lack it: absent reads as null.
const orNull = <T>(value: T | undefined) => value ?? null;

function opened(event: DealOpened): DealDoc {
  const data = event.data;
  const at = data.occurredAt;
  const { status, entered } = dealMove(event);
  const stageId = entered?.stageId ?? data.stageId;
  return {
    dealId: data.dealId,
    title: data.title,
    accountId: data.accountId,
    ownerId: data.ownerId,
    openOwnerId: data.ownerId,
    closeOwnerId: null,
    pipelineId: data.pipelineId,
    stageId,
    status,
    amountMinor: data.amountMinor,
    openedAt: at,
    closedAt: null,
    start: orNull(data.leadCapturedAt) ?? at,
    leadId: orNull(data.leadId),
    source: orNull(data.source),
    expectedCloseDate: orNull(data.expectedCloseDate),
    lossReason: null,
    competitor: null,
    visitedStageIds: [stageId],
    visitEnteredAt: entered?.at ?? at,
    activityCount: 0,
    lastActivityAt: null,
    updatedAt: at,
  };
}

const visit = (deal: DealDoc, stageId: string) =>
  deal.visitedStageIds.includes(stageId) ? deal.visitedStageIds : [...deal.visitedStageIds, stageId];

// Stage, status and the current visit as dealMove says; a close keeps the stage it closed in.
function moved(deal: DealDoc, { status, entered, left }: DealMove): DealDoc {
  return {
    ...deal,
    stageId: entered ? entered.stageId : deal.stageId,
    status,
    closedAt: status === 'open' ? null : (left?.at ?? deal.closedAt),
    visitedStageIds: entered ? visit(deal, entered.stageId) : deal.visitedStageIds,
    visitEnteredAt: entered ? entered.at : deal.visitEnteredAt,
  };
}

const put = (deal: DealDoc): ProjectionWrite[] => [
  { op: 'put', collection: DEALS, id: deal.dealId, doc: deal },
];

// Every event after the opening changes the deal's document, once it has one.
const update = (dealId: string, docs: Lookup, change: (deal: DealDoc) => DealDoc): ProjectionWrite[] => {
  const deal = docs(DEALS, dealId) as DealDoc | null;
  return deal ? put(change(deal)) : [];
};

export const dealsProjection = defineProjection({
  name: 'deals',
  version: 3,
  streamPrefixes: ['deal-'],
  collections: [DEALS],
  indexes: [
    { collection: DEALS, fields: ['status', 'ownerId'] },
    { collection: DEALS, fields: ['pipelineId', 'stageId'] },
    { collection: DEALS, fields: ['pipelineId', 'openedAt'] },
    // Reports over every pipeline (reps) read openings by time alone; snapshots of a pipeline's
    // open deals (pipeline report and STAGE_IN_USE) must not walk its closed history; attainment
    // reads only the wins of a period.
    { collection: DEALS, fields: ['openedAt'] },
    { collection: DEALS, fields: ['status', 'pipelineId', 'stageId'] },
    // A pipeline's open deals as of a date: its versions by (status, pipelineId) then _vt, not every
    // open version the pipeline ever had.
    { collection: DEALS, fields: ['status', 'pipelineId'] },
    { collection: DEALS, fields: ['status', 'closedAt'] },
    { collection: DEALS, fields: ['closedAt'] },
    { collection: DEALS, fields: ['status', 'expectedCloseDate'] },
    { collection: DEALS, fields: ['accountId'] },
  ],
  // A lead's activities carry no deal.
  keys: ({ data }) => (typeof data.dealId === 'string' ? [{ collection: DEALS, id: data.dealId }] : []),
  on: {
    DealOpened: (event) => put(opened(event)),
    DealStageAdvanced: (event, docs) =>
      update(event.data.dealId, docs, (deal) => ({
        ...moved(deal, dealMove(event)),
        updatedAt: event.data.occurredAt,
      })),
    DealWon: (event, docs) =>
      update(event.data.dealId, docs, (deal) => ({
        ...moved(deal, dealMove(event)),
        amountMinor: event.data.amountMinor,
        closeOwnerId: event.data.ownerId,
        lossReason: null,
        competitor: orNull(event.data.competitor),
        updatedAt: event.data.occurredAt,
      })),
    DealLost: (event, docs) =>
      update(event.data.dealId, docs, (deal) => ({
        ...moved(deal, dealMove(event)),
        amountMinor: event.data.amountMinor,
        closeOwnerId: event.data.ownerId,
        lossReason: event.data.reason,
        competitor: orNull(event.data.competitor),
        updatedAt: event.data.occurredAt,
      })),
    DealReopened: (event, docs) =>
      update(event.data.dealId, docs, (deal) => ({
        ...moved(deal, dealMove(event)),
        closeOwnerId: null,
        lossReason: null,
        competitor: null,
        updatedAt: event.data.occurredAt,
      })),
    DealReassigned: (event, docs) =>
      update(event.data.dealId, docs, (deal) => ({
        ...deal,
        ownerId: event.data.to,
        updatedAt: event.data.occurredAt,
      })),
    DealUpdated: ({ data }, docs) =>
      update(data.dealId, docs, (deal) => ({
        ...deal,
        title: data.changes.title ? data.changes.title.to : deal.title,
        amountMinor: data.changes.amountMinor ? data.changes.amountMinor.to : deal.amountMinor,
        expectedCloseDate: data.changes.expectedCloseDate
          ? data.changes.expectedCloseDate.to
          : deal.expectedCloseDate,
        updatedAt: data.occurredAt,
      })),
    ActivityLogged: ({ data }, docs) =>
      typeof data.dealId !== 'string'
        ? []
        : update(data.dealId, docs, (deal) => ({
            ...deal,
            activityCount: deal.activityCount + 1,
            lastActivityAt:
              deal.lastActivityAt && deal.lastActivityAt > data.occurredAt
                ? deal.lastActivityAt
                : data.occurredAt,
          })),
  },
});
