import type {
  AppendResult,
  EventFacts,
  EventStore,
  ExpectedVersion,
  NewEvent,
  Position,
  ReadStreamOptions,
  RecordedEvent,
  StreamFilter,
} from './event-store.port.js';
import { VersionConflictError } from './event-store.port.js';

export type AppendOutcome = 'ok' | 'conflict' | 'error';

export type AppendObservation = { events: number; seconds: number; outcome: AppendOutcome };

// What an application measures of appends (latency, batch size, conflicts), without the event
// store knowing of any metrics library.
export interface AppendObserver {
  appended(observation: AppendObservation): void;
}

// Any adapter, with every append timed and reported to the observer; reads pass straight through.
export class ObservedEventStore implements EventStore {
  constructor(
    private readonly inner: EventStore,
    private readonly observer: AppendObserver,
  ) {}

  async append(stream: string, events: NewEvent[], expectedVersion: ExpectedVersion): Promise<AppendResult> {
    const started = process.hrtime.bigint();
    const report = (outcome: AppendOutcome) =>
      this.observer.appended({
        events: events.length,
        seconds: Number(process.hrtime.bigint() - started) / 1e9,
        outcome,
      });
    try {
      const result = await this.inner.append(stream, events, expectedVersion);
      report('ok');
      return result;
    } catch (error) {
      report(error instanceof VersionConflictError ? 'conflict' : 'error');
      throw error;
    }
  }

  readStream(stream: string, options?: ReadStreamOptions) {
    return this.inner.readStream(stream, options);
  }

  readAll(after: Position | null, limit: number, filter?: StreamFilter): Promise<RecordedEvent[]> {
    return this.inner.readAll(after, limit, filter);
  }

  readFacts(after: Position | null, limit: number, filter?: StreamFilter): Promise<EventFacts[]> {
    return this.inner.readFacts(after, limit, filter);
  }

  subscribe(after: Position | null, filter: StreamFilter, signal: AbortSignal): AsyncIterable<RecordedEvent> {
    return this.inner.subscribe(after, filter, signal);
  }

  headPosition(): Promise<Position | null> {
    return this.inner.headPosition();
  }

  close(): Promise<void> {
    return this.inner.close();
  }
}
