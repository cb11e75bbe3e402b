import type { Projection, ProjectionWrite } from '../runtime/projection.js';

// One narrow fact row per logged activity, by who did it and when.
export type ActivityDoc = {
  activityId: string;
  entity: 'lead' | 'deal';
  leadId: string | null;
  dealId: string | null;
  type: string;
  performedBy: string;
  ownerId: string;
  occurredAt: string;
};

export const ACTIVITIES = 'activities';
const idOf = (d: Record<string, unknown>) =>
  `${d.entity}:${(d.entity === 'deal' ? d.dealId : d.leadId) as string}:${d.activityId as string}`;

export const activitiesProjection: Projection = {
  name: 'activities',
  version: 2,
  eventTypes: ['ActivityLogged'],
  streamPrefixes: ['lead-', 'deal-'],
  collections: [ACTIVITIES],
  indexes: [
    { collection: ACTIVITIES, fields: ['occurredAt'] },
    { collection: ACTIVITIES, fields: ['performedBy', 'occurredAt'] },
  ],
  keys: (e) => [{ collection: ACTIVITIES, id: idOf(e.data) }],
  evolve: (e): ProjectionWrite[] => {
    const d = e.data;
    const doc: ActivityDoc = {
      activityId: d.activityId as string,
      entity: d.entity as 'lead' | 'deal',
      leadId: (d.leadId ?? null) as string | null,
      dealId: (d.dealId ?? null) as string | null,
      type: d.type as string,
      performedBy: d.performedBy as string,
      ownerId: d.ownerId as string,
      occurredAt: d.occurredAt as string,
    };
    return [{ op: 'put', collection: ACTIVITIES, id: idOf(d), doc }];
  },
};
