import type { Lookup, ProjectionWrite } from '../runtime/projection.js';
import { type DealMoveEvent, dealMove } from './deal-move.js';
import { defineProjection, type Projected } from './define-projection.js';
import {
  addVisitDuration,
  VISIT_DURATIONS,
  type VisitDurationsDoc,
  visitDurationsAt,
  visitDurationsKey,
} from './visit-durations.js';

// A deal's visits: one document per ended visit (written from the event that ends it) and one for
// the visit in progress (`open:<dealId>`). Owner on an ended visit = owner at its exit; on the
// open one = the current owner. Each ended visit's length also goes to its day's document of
// durations (visit-durations.ts), which keeps no versions: it tells itself what it held when.
export type VisitDoc = {
  dealId: string;
  pipelineId: string;
  stageId: string;
  status: 'open' | 'closed';
  enteredAt: string;
  exitedAt: string | null;
  /** forward | backward | won | lost, null while open */
  exit: string | null;
  /** the next stage, or won / lost, null while open */
  to: string | null;
  ownerId: string;
  source: string | null;
};

export const VISITS = 'visits';
const openId = (dealId: string) => `open:${dealId}`;
// An ended visit is filed under the position of the event that ends it.
const endedId = (dealId: string, position: number) => `${dealId}:${position}`;

const putOpen = (doc: VisitDoc): ProjectionWrite => ({
  op: 'put',
  collection: VISITS,
  id: openId(doc.dealId),
  doc,
});

// The visit the event ends (under the event's position), then the one it begins, or none left
// open once the deal is closed.
function visitsOf(event: Projected<DealMoveEvent>, docs: Lookup): ProjectionWrite[] {
  const { dealId, pipelineId, ownerId } = event.data;
  // Events recorded before a fact was carried lack it: absent reads as null.
  const source = event.data.source ?? null;
  const { entered, left } = dealMove(event);
  const writes: ProjectionWrite[] = [];
  if (left) {
    const ended: VisitDoc = {
      dealId,
      pipelineId,
      stageId: left.stageId,
      status: 'closed',
      enteredAt: left.enteredAt,
      exitedAt: left.at,
      exit: left.exit,
      to: left.to,
      ownerId,
      source,
    };
    const id = endedId(dealId, event.position);
    const day = visitDurationsKey(pipelineId, left.at);
    writes.push(
      { op: 'put', collection: VISITS, id, doc: ended },
      addVisitDuration(docs(day.collection, day.id) as VisitDurationsDoc | null, pipelineId, {
        stageId: left.stageId,
        ownerId,
        enteredAt: left.enteredAt,
        exitedAt: left.at,
        recordedAt: event.recordedAt,
      }),
    );
  }
  writes.push(
    entered
      ? putOpen({
          dealId,
          pipelineId,
          stageId: entered.stageId,
          status: 'open',
          enteredAt: entered.at,
          exitedAt: null,
          exit: null,
          to: null,
          ownerId,
          source,
        })
      : { op: 'delete', collection: VISITS, id: openId(dealId) },
  );
  return writes;
}

export const stageVisitsProjection = defineProjection({
  name: 'stage-visits',
  version: 6,
  streamPrefixes: ['deal-'],
  collections: [VISITS, VISIT_DURATIONS],
  indexes: [
    { collection: VISITS, fields: ['pipelineId', 'exitedAt'] },
    { collection: VISITS, fields: ['pipelineId', 'status'] },
    { collection: VISIT_DURATIONS, fields: ['pipelineId', 'day'] },
  ],
  // Every document the event writes: the deal's open visit, and the visit it ends with its day.
  keys: (event) => {
    const open = { collection: VISITS, id: openId(event.data.dealId) };
    if (event.type === 'DealReassigned') return [open];
    const { left } = dealMove(event);
    if (!left) return [open];
    const ended = { collection: VISITS, id: endedId(event.data.dealId, event.position) };
    return [open, ended, visitDurationsKey(event.data.pipelineId, left.at)];
  },
  selfCut: { [VISIT_DURATIONS]: visitDurationsAt },
  on: {
    DealOpened: visitsOf,
    DealStageAdvanced: visitsOf,
    DealWon: visitsOf,
    DealLost: visitsOf,
    DealReopened: visitsOf,
    DealReassigned: ({ data }, docs) => {
      const current = docs(VISITS, openId(data.dealId)) as VisitDoc | null;
      return current ? [putOpen({ ...current, ownerId: data.to })] : [];
    },
  },
});
