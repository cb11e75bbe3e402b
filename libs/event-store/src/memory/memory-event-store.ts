import { AppendNotifier } from '../append-notifier.js';
import { catchUp, matchesFilter } from '../catch-up.js';
import {
  AppendResult,
  EventFacts,
  EventStore,
  ExpectedVersion,
  NewEvent,
  Position,
  ReadStreamOptions,
  RecordedEvent,
  StreamFilter,
  toFacts,
  VersionConflictError,
} from '../event-store.port.js';
import { chainEvents, hashOf } from '../hash-chain.js';

// For replays and tests. Events are deep-copied in and out so that callers can never change history.
export class MemoryEventStore implements EventStore {
  private readonly log: RecordedEvent[] = [];
  private readonly streams = new Map<string, RecordedEvent[]>();
  private readonly notifier = new AppendNotifier();

  async append(stream: string, events: NewEvent[], expectedVersion: ExpectedVersion): Promise<AppendResult> {
    const existing = this.streams.get(stream) ?? [];
    if (expectedVersion !== 'any' && expectedVersion !== existing.length) {
      throw new VersionConflictError(stream, expectedVersion, existing.length);
    }
    const last = existing.at(-1);
    for (const event of chainEvents(events, last ? hashOf(last) : null)) {
      const recorded: RecordedEvent = {
        ...structuredClone(event),
        stream,
        version: existing.length + 1,
        position: this.log.length + 1,
      };
      existing.push(recorded);
      this.log.push(recorded);
    }
    this.streams.set(stream, existing);
    this.notifier.notify();
    return { version: existing.length, position: this.log.length };
  }

  async readStream(stream: string, options: ReadStreamOptions = {}) {
    const all = this.streams.get(stream) ?? [];
    const { backwards = false, limit = Number.MAX_SAFE_INTEGER } = options;
    let selected: RecordedEvent[];
    if (backwards) {
      const from = options.fromVersion ?? all.length;
      selected = all.slice(0, from).reverse().slice(0, limit);
    } else {
      const from = options.fromVersion ?? 1;
      selected = all.slice(from - 1, from - 1 + limit);
    }
    return { events: structuredClone(selected), version: all.length };
  }

  async readAll(after: Position | null, limit: number, filter?: StreamFilter): Promise<RecordedEvent[]> {
    const out: RecordedEvent[] = [];
    for (let i = after ?? 0; i < this.log.length && out.length < limit; i++) {
      if (matchesFilter(this.log[i].stream, filter)) out.push(structuredClone(this.log[i]));
    }
    return out;
  }

  async readFacts(after: Position | null, limit: number, filter?: StreamFilter): Promise<EventFacts[]> {
    return (await this.readAll(after, limit, filter)).map(toFacts);
  }

  subscribe(after: Position | null, filter: StreamFilter, signal: AbortSignal): AsyncIterable<RecordedEvent> {
    return catchUp((a, l, f) => this.readAll(a, l, f), this.notifier, after, filter, signal);
  }

  async headPosition(): Promise<Position | null> {
    return this.log.length || null;
  }

  async close(): Promise<void> {}
}
