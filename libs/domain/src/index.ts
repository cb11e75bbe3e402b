export { ACTIVITY_TYPES, isActivityType } from './shared/activity.js';
export type { ActivityInput, ActivityLogged, ActivityType } from './shared/activity.js';
export { assertNever } from './shared/assert-never.js';
export * from './shared/decider.js';
export * from './shared/domain-error.js';
export * from './shared/event.js';
export * from './shared/money.js';
export * from './shared/stream-names.js';
export { FUTURE_TOLERANCE_MS, canonicalInstant, isIsoDate, parseInstant } from './shared/time.js';
export { ID_PATTERN, isId } from './shared/validation.js';
export * from './domain-event.js';

export * from './pipeline/pipeline.commands.js';
export * from './pipeline/pipeline.decider.js';
export * from './pipeline/pipeline.definition.js';
export * from './pipeline/pipeline.events.js';
export * from './pipeline/pipeline.state.js';

export * from './lead/lead.commands.js';
export * from './lead/lead.decider.js';
export * from './lead/lead.events.js';
export * from './lead/lead.state.js';
export * from './lead/lead.view.js';
export * from './lead/lead-conversion.js';
export * from './lead/converted-deal.js';

export * from './deal/deal.commands.js';
export * from './deal/deal.decider.js';
export * from './deal/deal.events.js';
export * from './deal/deal.state.js';
export * from './deal/deal.view.js';

export * from './quota/quota-period.js';
export * from './quota/quota.commands.js';
export * from './quota/quota.decider.js';
export * from './quota/quota.events.js';
export * from './quota/quota.state.js';
