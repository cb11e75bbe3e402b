import { EventStore, EventStoreUnavailableError, NewEvent } from '@sales/event-store';

// An event store that holds the next append to a chosen stream until released: the way to put a
// command's decision and its append on either side of another process's command.
export class GatedStore implements EventStore {
  private readonly gates = new Map<
    string,
    { reached: () => void; opened: Promise<void>; open: () => void }
  >();
  constructor(private readonly inner: EventStore) {}

  /** Resolves once the held append has arrived; call the returned function to let it through. */
  hold(stream: string): { reached: Promise<void>; release: () => void } {
    let reached!: () => void;
    let open!: () => void;
    const arrived = new Promise<void>((resolve) => (reached = resolve));
    const opened = new Promise<void>((resolve) => (open = resolve));
    this.gates.set(stream, { reached, opened, open });
    return { reached: arrived, release: open };
  }

  async append(stream: string, events: NewEvent[], expected: number | 'any') {
    const gate = this.gates.get(stream);
    if (gate) {
      this.gates.delete(stream);
      gate.reached();
      await gate.opened;
    }
    return this.inner.append(stream, events, expected);
  }
  private readonly failingReads = new Set<string>();

  /** The next read of `stream` fails, as it would if the process died just before it. */
  failNextRead(stream: string): void {
    this.failingReads.add(stream);
  }

  readStream: EventStore['readStream'] = (stream, options) => {
    if (this.failingReads.delete(stream)) return Promise.reject(new EventStoreUnavailableError('injected'));
    return this.inner.readStream(stream, options);
  };
  readAll: EventStore['readAll'] = (...args) => this.inner.readAll(...args);
  readFacts: EventStore['readFacts'] = (...args) => this.inner.readFacts(...args);
  subscribe: EventStore['subscribe'] = (...args) => this.inner.subscribe(...args);
  headPosition: EventStore['headPosition'] = () => this.inner.headPosition();
  close: EventStore['close'] = () => this.inner.close();
}
