import type { DealEvent } from './deal/deal.events.js';
import type { LeadEvent } from './lead/lead.events.js';
import type { PipelineEvent } from './pipeline/pipeline.events.js';
import type { QuotaEvent } from './quota/quota.events.js';

export type DomainEvent = PipelineEvent | LeadEvent | DealEvent | QuotaEvent;

export type DomainEventType = DomainEvent['type'];

export const DOMAIN_EVENT_TYPES = [
  'PipelineDefined',
  'LeadCaptured',
  'ActivityLogged',
  'LeadConverted',
  'LeadDisqualified',
  'LeadConversionReverted',
  'DealOpened',
  'DealStageAdvanced',
  'DealWon',
  'DealLost',
  'DealReopened',
  'DealReassigned',
  'DealUpdated',
  'QuotaSet',
] as const satisfies readonly DomainEventType[];

// Fails to compile when an event type is added to a union but not to the list above.
const _everyTypeListed: [Exclude<DomainEventType, (typeof DOMAIN_EVENT_TYPES)[number]>] extends [never]
  ? true
  : false = true;

// What read sides hold: a recorded event from the store, whose `type` is a plain string.
export type RecordedLikeEvent = { readonly type: string; readonly data: unknown };

export const isDomainEvent = (event: RecordedLikeEvent): event is DomainEvent =>
  (DOMAIN_EVENT_TYPES as readonly string[]).includes(event.type) &&
  typeof event.data === 'object' &&
  event.data !== null;
