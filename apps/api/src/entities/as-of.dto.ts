import { MinPositionQuery } from '../read-models/min-position.dto.js';
import { IsTimeCut } from './time-cut.js';

// Entity reads fold the entity's own stream, which always holds every appended event: a
// minPosition is accepted (as on every query) and is satisfied at once.
export class KnownAtQuery extends MinPositionQuery {
  @IsTimeCut('knownAt', 'what the engine had recorded by then: events with recordedAt ≤ knownAt')
  knownAt?: string;
}

export class AsOfQuery extends KnownAtQuery {
  @IsTimeCut('asOf', 'state from the events with occurredAt ≤ asOf')
  asOf?: string;
}
