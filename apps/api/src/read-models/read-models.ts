import { Inject, Injectable } from '@nestjs/common';
import { EVENT_STORE, type EventStore } from '@sales/event-store';
import type { ProjectionControl } from '@sales/projections';
import { READ_STORE, type GenerationRef, type ReadStore } from '@sales/read-store';
import { ApiError } from '../errors/api-error.js';
import { servingRetryStore } from './serving-retry-store.js';

export const PROJECTION_ENGINE = Symbol('ProjectionEngine');
const MIN_POSITION_WAIT_MS = 10_000;

// The query side's door to the read models: which generation serves a projection, and
// read-your-writes (`minPosition`), and the candidate generation built beside it, if any. Its `store` retries a read whose generation was dropped by a
// swap on the generation serving now.
@Injectable()
export class ReadModels {
  readonly store: ReadStore;

  constructor(
    @Inject(READ_STORE) store: ReadStore,
    @Inject(PROJECTION_ENGINE) private readonly engine: ProjectionControl,
    @Inject(EVENT_STORE) private readonly events: EventStore,
  ) {
    this.store = servingRetryStore(store, (projection) => this.engine.servingRef(projection, true));
  }

  async serving(projection: string, minPosition: number | null): Promise<GenerationRef> {
    await this.withinLog(minPosition);
    if (
      minPosition !== null &&
      !(await this.engine.waitFor(minPosition, [projection], MIN_POSITION_WAIT_MS))
    ) {
      throw new ApiError(
        'PROJECTION_LAGGING',
        `read model ${projection} has not reached position ${minPosition} within 10 s`,
      );
    }
    const ref = await this.engine.servingRef(projection);
    if (!ref) throw new ApiError('PROJECTION_LAGGING', `read model ${projection} is not built yet`);
    return ref;
  }

  /** The projection's candidate generation once it has processed `minPosition`; null when it has none. */
  async candidate(projection: string, minPosition: number | null): Promise<GenerationRef | null> {
    const candidate = await this.engine.candidateRef(projection);
    if (!candidate) return null;
    await this.withinLog(minPosition);
    if (!candidate.caughtUp)
      throw new ApiError(
        'PROJECTION_LAGGING',
        `the candidate of ${projection} (generation ${candidate.generation}) has not caught up with the log yet`,
      );
    if (
      minPosition !== null &&
      !(await this.engine.waitFor(minPosition, [projection], MIN_POSITION_WAIT_MS, 'candidate'))
    ) {
      throw new ApiError(
        'PROJECTION_LAGGING',
        `the candidate of ${projection} has not reached position ${minPosition} within 10 s`,
      );
    }
    return { projection, generation: candidate.generation };
  }

  // No command ever answered a position beyond the log's head: don't hold a connection for it.
  private async withinLog(minPosition: number | null): Promise<void> {
    if (minPosition !== null && minPosition > ((await this.events.headPosition()) ?? 0))
      throw new ApiError('PROJECTION_LAGGING', `position ${minPosition} is beyond the end of the event log`);
  }
}
