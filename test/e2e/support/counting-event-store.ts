import type { EventStore, Position, RecordedEvent, StreamFilter } from '@sales/event-store';

// An event store that counts its open subscriptions, to show that a closed client leaves none.
export function countingSubscriptions(inner: EventStore): { store: EventStore; open: () => number } {
  let open = 0;
  async function* counted(source: AsyncIterable<RecordedEvent>): AsyncGenerator<RecordedEvent> {
    open++;
    try {
      yield* source;
    } finally {
      open--;
    }
  }
  const store: EventStore = {
    append: (...args) => inner.append(...args),
    readStream: (...args) => inner.readStream(...args),
    readAll: (...args) => inner.readAll(...args),
    readFacts: (...args) => inner.readFacts(...args),
    headPosition: () => inner.headPosition(),
    close: () => inner.close(),
    subscribe: (after: Position | null, filter: StreamFilter, signal: AbortSignal) =>
      counted(inner.subscribe(after, filter, signal)),
  };
  return { store, open: () => open };
}
