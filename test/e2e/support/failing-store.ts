import { EventStore, EventStoreUnavailableError, NewEvent } from '@sales/event-store';

// An event store whose appends to chosen streams fail (as an unreachable store would) a given
// number of times, or always: the way to stop a command between two appends.
export class FailingStore implements EventStore {
  private readonly failures = new Map<string, number>();
  constructor(private readonly inner: EventStore) {}

  failAppendsTo(stream: string, times = Number.POSITIVE_INFINITY): void {
    this.failures.set(stream, times);
  }

  append(stream: string, events: NewEvent[], expected: number | 'any') {
    const left = this.failures.get(stream) ?? 0;
    if (left > 0) {
      this.failures.set(stream, left - 1);
      return Promise.reject(new EventStoreUnavailableError(`injected: ${stream} cannot be written`));
    }
    return this.inner.append(stream, events, expected);
  }
  readStream: EventStore['readStream'] = (...args) => this.inner.readStream(...args);
  readAll: EventStore['readAll'] = (...args) => this.inner.readAll(...args);
  readFacts: EventStore['readFacts'] = (...args) => this.inner.readFacts(...args);
  subscribe: EventStore['subscribe'] = (...args) => this.inner.subscribe(...args);
  headPosition: EventStore['headPosition'] = () => this.inner.headPosition();
  close: EventStore['close'] = () => this.inner.close();
}
