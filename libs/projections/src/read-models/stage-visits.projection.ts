import type { ProjectedEvent, Projection, ProjectionWrite } from '../runtime/projection.js';

// A deal's visits: one document per ended visit (written from the event that ends it) and one for
// the visit in progress (`open:<dealId>`). Owner on an ended visit = owner at its exit; on the
// open one = the current owner.
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

type Data = Record<string, unknown>;
const s = (d: Data, f: string) => d[f] as string;
const n = (d: Data, f: string) => (d[f] ?? null) as string | null;

const openVisit = (d: Data, stageId: string, ownerId: string): VisitDoc => ({
  dealId: s(d, 'dealId'),
  pipelineId: s(d, 'pipelineId'),
  stageId,
  status: 'open',
  enteredAt: s(d, 'occurredAt'),
  exitedAt: null,
  exit: null,
  to: null,
  ownerId,
  source: n(d, 'source'),
});

const endedVisit = (e: ProjectedEvent, stageId: string, exit: string, to: string): ProjectionWrite => ({
  op: 'put',
  collection: VISITS,
  id: `${s(e.data, 'dealId')}:${e.position}`,
  doc: {
    dealId: s(e.data, 'dealId'),
    pipelineId: s(e.data, 'pipelineId'),
    stageId,
    status: 'closed',
    enteredAt: s(e.data, 'enteredAt'),
    exitedAt: s(e.data, 'occurredAt'),
    exit,
    to,
    ownerId: s(e.data, 'ownerId'),
    source: n(e.data, 'source'),
  } satisfies VisitDoc,
});

export const stageVisitsProjection: Projection = {
  name: 'stage-visits',
  version: 2,
  eventTypes: ['DealOpened', 'DealStageAdvanced', 'DealWon', 'DealLost', 'DealReopened', 'DealReassigned'],
  streamPrefixes: ['deal-'],
  collections: [VISITS],
  indexes: [
    { collection: VISITS, fields: ['pipelineId', 'exitedAt'] },
    { collection: VISITS, fields: ['pipelineId', 'status'] },
  ],
  keys: (e) => (typeof e.data.dealId === 'string' ? [{ collection: VISITS, id: openId(e.data.dealId) }] : []),
  evolve: (e, docs): ProjectionWrite[] => {
    const d = e.data;
    const dealId = s(d, 'dealId');
    const open = (doc: VisitDoc): ProjectionWrite => ({
      op: 'put',
      collection: VISITS,
      id: openId(dealId),
      doc,
    });
    switch (e.type) {
      case 'DealOpened':
        return [open(openVisit(d, s(d, 'stageId'), s(d, 'ownerId')))];
      case 'DealStageAdvanced':
        return [
          endedVisit(e, s(d, 'from'), s(d, 'direction'), s(d, 'to')),
          open(openVisit(d, s(d, 'to'), s(d, 'ownerId'))),
        ];
      case 'DealWon':
      case 'DealLost': {
        const exit = e.type === 'DealWon' ? 'won' : 'lost';
        return [
          endedVisit(e, s(d, 'stageId'), exit, exit),
          { op: 'delete', collection: VISITS, id: openId(dealId) },
        ];
      }
      case 'DealReopened':
        return [open(openVisit(d, s(d, 'stageId'), s(d, 'ownerId')))];
      case 'DealReassigned': {
        const current = docs(VISITS, openId(dealId)) as VisitDoc | null;
        return current ? [open({ ...current, ownerId: s(d, 'to') })] : [];
      }
      default:
        return [];
    }
  },
};
