import type { ActivityLogged } from '@sales/domain';
import { defineProjection } from './define-projection.js';

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
const idOf = ({ entity, dealId, leadId, activityId }: ActivityLogged['data']) =>
  `${entity}:${entity === 'deal' ? dealId : leadId}:${activityId}`;

export const activitiesProjection = defineProjection({
  name: 'activities',
  version: 2,
  streamPrefixes: ['lead-', 'deal-'],
  collections: [ACTIVITIES],
  indexes: [
    { collection: ACTIVITIES, fields: ['occurredAt'] },
    { collection: ACTIVITIES, fields: ['performedBy', 'occurredAt'] },
  ],
  keys: ({ data }) => [{ collection: ACTIVITIES, id: idOf(data) }],
  on: {
    ActivityLogged: ({ data }) => {
      const doc: ActivityDoc = {
        activityId: data.activityId,
        entity: data.entity,
        // Events recorded before a fact was carried lack it: absent reads as null.
        leadId: data.leadId ?? null,
        dealId: data.dealId ?? null,
        type: data.type,
        performedBy: data.performedBy,
        ownerId: data.ownerId,
        occurredAt: data.occurredAt,
      };
      return [{ op: 'put', collection: ACTIVITIES, id: idOf(data), doc }];
    },
  },
});
