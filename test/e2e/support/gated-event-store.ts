import type { EventStore } from '@sales/event-store';

// An event store whose appends to streams containing `marker` wait until the test opens the gate:
// the request that made them is then known to be running, holding its Idempotency-Key.
export class GatedEventStore implements EventStore {
  private waiting: (() => void)[] = [];
  private arrivals: (() => void)[] = [];

  constructor(
    private readonly inner: EventStore,
    private readonly marker: string,
  ) {}

  append: EventStore['append'] = async (stream, events, expected) => {
    if (stream.includes(this.marker)) {
      await new Promise<void>((resolve) => {
        this.waiting.push(resolve);
        for (const arrived of this.arrivals.splice(0)) arrived();
      });
    }
    return this.inner.append(stream, events, expected);
  };

  /** Resolves once an append is held at the gate. */
  held(): Promise<void> {
    if (this.waiting.length > 0) return Promise.resolve();
    return new Promise((resolve) => this.arrivals.push(resolve));
  }

  open(): void {
    for (const resolve of this.waiting.splice(0)) resolve();
  }

  readStream: EventStore['readStream'] = (...args) => this.inner.readStream(...args);
  readAll: EventStore['readAll'] = (...args) => this.inner.readAll(...args);
  readFacts: EventStore['readFacts'] = (...args) => this.inner.readFacts(...args);
  subscribe: EventStore['subscribe'] = (...args) => this.inner.subscribe(...args);
  headPosition: EventStore['headPosition'] = () => this.inner.headPosition();
  close: EventStore['close'] = () => this.inner.close();
}
