import type { DomainEvent, DomainEventType } from '@sales/domain';
import type { DocKey, Lookup, ProjectedEvent, Projection, ProjectionWrite } from '../runtime/projection.js';

export type EventOfType<T extends DomainEventType> = Extract<DomainEvent, { type: T }>;

// A domain event as a projection sees it: its precise facts, plus where it stands in the log.
export type Projected<E extends DomainEvent> = Omit<ProjectedEvent, 'type' | 'data'> & E;

export type ProjectedOfType<T extends DomainEventType> = Projected<EventOfType<T>>;

export type EventHandlers<T extends DomainEventType> = {
  [K in T]: (event: ProjectedOfType<K>, docs: Lookup) => ProjectionWrite[];
};

export type ProjectionDefinition<T extends DomainEventType> = Omit<
  Projection,
  'eventTypes' | 'keys' | 'evolve'
> & {
  keys: (event: ProjectedOfType<T>) => DocKey[];
  /** One handler per event type it handles: the handled types are these keys, nothing else. */
  on: EventHandlers<T>;
};

// The runtime hands a projection only the types it lists, and every type it lists has a handler;
// the log holds only what the deciders decided, so the recorded facts are the domain event's.
const asDomain = <T extends DomainEventType>(event: ProjectedEvent) => event as unknown as ProjectedOfType<T>;

export function defineProjection<T extends DomainEventType>({
  on,
  keys,
  ...projection
}: ProjectionDefinition<T>): Projection {
  const eventTypes = Object.keys(on) as T[];
  const handlerOf = (type: string) =>
    on[type as T] as (event: ProjectedEvent, docs: Lookup) => ProjectionWrite[];
  return {
    ...projection,
    eventTypes,
    keys: (event) => keys(asDomain<T>(event)),
    evolve: (event, docs) => {
      const handle = eventTypes.includes(event.type as T) ? handlerOf(event.type) : null;
      return handle ? handle(asDomain(event), docs) : [];
    },
  };
}
