import { DomainError } from './domain-error.js';
import type { EventOf } from './event.js';
import { optionalText, requireId } from './validation.js';

export const ACTIVITY_TYPES = ['call', 'email', 'meeting', 'demo', 'quote_sent', 'note', 'task'] as const;
export type ActivityType = (typeof ACTIVITY_TYPES)[number];

export const isActivityType = (value: unknown): value is ActivityType =>
  typeof value === 'string' && (ACTIVITY_TYPES as readonly string[]).includes(value);

// The fields both LogLeadActivity and LogDealActivity take; `activityType` because the
// command's own `type` is its discriminant.
export type ActivityInput = {
  activityId: string;
  activityType: ActivityType;
  performedBy?: string | null;
  outcome?: string | null;
  notes?: string | null;
};

export type ActivityLogged = EventOf<
  'ActivityLogged',
  {
    activityId: string;
    entity: 'lead' | 'deal';
    leadId: string | null;
    dealId: string | null;
    type: ActivityType;
    performedBy: string;
    ownerId: string;
    outcome: string | null;
    notes: string | null;
  }
>;

export const assertNewActivity = (activityIds: readonly string[], activityId: string): void => {
  // A retried command without an Idempotency-Key must not count the same call twice.
  if (activityIds.includes(activityId)) {
    throw new DomainError('ACTIVITY_EXISTS', `activity ${activityId} is already logged`, { activityId });
  }
};

export type ValidActivity = {
  activityId: string;
  activityType: ActivityType;
  performedBy: string | null;
  outcome: string | null;
  notes: string | null;
};

export const validateActivity = (input: ActivityInput): ValidActivity => {
  if (!isActivityType(input.activityType)) {
    throw new DomainError('VALIDATION_FAILED', `activityType must be one of ${ACTIVITY_TYPES.join(', ')}`, {
      field: 'activityType',
      value: input.activityType,
    });
  }
  const performedBy = input.performedBy ?? null;
  return {
    activityId: requireId('activityId', input.activityId),
    activityType: input.activityType,
    performedBy: performedBy === null ? null : requireId('performedBy', performedBy),
    outcome: optionalText('outcome', input.outcome),
    notes: optionalText('notes', input.notes),
  };
};

// performedBy defaults to the owner at the time, who is the one expected to have done it.
export const activityLogged = (
  activity: ValidActivity,
  on: { entity: 'lead' | 'deal'; leadId: string | null; dealId: string | null; ownerId: string },
  occurredAt: string,
): ActivityLogged => ({
  type: 'ActivityLogged',
  data: {
    activityId: activity.activityId,
    entity: on.entity,
    leadId: on.leadId,
    dealId: on.dealId,
    type: activity.activityType,
    performedBy: activity.performedBy ?? on.ownerId,
    ownerId: on.ownerId,
    outcome: activity.outcome,
    notes: activity.notes,
    occurredAt,
  },
});
