import { BACKWARDS, END, EventStoreDBClient, FORWARDS, StreamNotFoundError } from '@eventstore/db-client';
import type { AllStreamResolvedEvent, ReadPosition } from '@eventstore/db-client';
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
import { chainEvents, ChainTip, EMPTY_TIP, hashOf } from '../hash-chain.js';
import { toPortError } from './esdb-errors.js';
import {
  isPortEvent,
  toEventData,
  toExpectedRevision,
  toPosition,
  toReadPosition,
  toReadRevision,
  toRecordedEvent,
  versionOf,
} from './esdb-event-mapping.js';
import { DEFAULT_RETRY, resilientSubscription, RetryPolicy } from './esdb-subscription.js';

export type EsdbEventStoreOptions = { retry?: RetryPolicy };

const MAX_PAGE = 4096;
const HEAD_PAGE = 32;
// An 'any' append that keeps losing the race for the stream's tip gives up after this many tries.
const MAX_ANY_ATTEMPTS = 50;

// EventStoreDB behind the port. The port's numbering (versions count events, positions are plain
// numbers, reads of $all are exclusive) is translated in esdb-event-mapping.ts.
export class EsdbEventStore implements EventStore {
  private readonly client: EventStoreDBClient;
  private readonly retry: RetryPolicy;

  constructor(connectionString: string, options: EsdbEventStoreOptions = {}) {
    this.client = EventStoreDBClient.connectionString(connectionString);
    this.retry = options.retry ?? DEFAULT_RETRY;
  }

  // The hash chain needs the stream's last event: it is read first, and the append expects the
  // version it was read at, so nothing can slip in between. A numbered expectation that the tip
  // already contradicts fails as the server would fail it; 'any' retries on a newer tip.
  async append(stream: string, events: NewEvent[], expectedVersion: ExpectedVersion): Promise<AppendResult> {
    if (!events.length) return this.appendNothing(stream, expectedVersion);
    for (let attempt = 1; ; attempt++) {
      const tip = await this.tip(stream);
      if (expectedVersion !== 'any' && expectedVersion !== tip.version) {
        throw new VersionConflictError(stream, expectedVersion, tip.version);
      }
      try {
        const result = await this.client.appendToStream(
          stream,
          chainEvents(events, tip.hash).map(toEventData),
          { expectedRevision: toExpectedRevision(tip.version) },
        );
        return { version: versionOf(result.nextExpectedRevision), position: toPosition(result.position) };
      } catch (error) {
        const portError = toPortError(error, stream, expectedVersion);
        const retry =
          expectedVersion === 'any' &&
          portError instanceof VersionConflictError &&
          attempt < MAX_ANY_ATTEMPTS;
        if (!retry) throw portError;
      }
    }
  }

  async readStream(
    stream: string,
    options: ReadStreamOptions = {},
  ): Promise<{ events: RecordedEvent[]; version: number }> {
    const { fromVersion, backwards = false, limit } = options;
    if (backwards && fromVersion !== undefined && fromVersion < 1) {
      return { events: [], version: await this.currentVersion(stream) };
    }
    const events: RecordedEvent[] = [];
    try {
      const read = this.client.readStream(stream, {
        direction: backwards ? BACKWARDS : FORWARDS,
        fromRevision: toReadRevision(fromVersion, backwards),
        maxCount: limit,
      });
      for await (const resolved of read) if (isPortEvent(resolved)) events.push(toRecordedEvent(resolved));
    } catch (error) {
      if (error instanceof StreamNotFoundError) return { events: [], version: 0 };
      throw toPortError(error);
    }
    // A read that ran to the end of the stream already shows its version; others ask for it.
    if (backwards && fromVersion === undefined) return { events, version: events[0]?.version ?? 0 };
    const last = limit === undefined && !backwards ? events.at(-1) : undefined;
    return { events, version: last ? last.version : await this.currentVersion(stream) };
  }

  async readFacts(after: Position | null, limit: number, filter?: StreamFilter): Promise<EventFacts[]> {
    return (await this.readAll(after, limit, filter)).map(toFacts);
  }

  async readAll(after: Position | null, limit: number, filter?: StreamFilter): Promise<RecordedEvent[]> {
    const out: RecordedEvent[] = [];
    // $all reads from a position are inclusive: skip what was already seen, `after` included.
    let cursor = after;
    while (out.length < limit) {
      const size = Math.min(Math.max(limit - out.length + 1, 128), MAX_PAGE);
      const page = await this.readAllPage(toReadPosition(cursor), FORWARDS, size);
      for (const resolved of page) {
        const position = toPosition(resolved.event?.position);
        if (cursor !== null && position <= cursor) continue;
        cursor = position;
        if (isPortEvent(resolved, filter)) out.push(toRecordedEvent(resolved));
        if (out.length === limit) break;
      }
      if (page.length < size) break;
    }
    return out;
  }

  subscribe(after: Position | null, filter: StreamFilter, signal: AbortSignal): AsyncIterable<RecordedEvent> {
    return resilientSubscription(this.client, after, filter, signal, this.retry);
  }

  // The newest event of a user stream: system events ($stats, $scavenges, …) are stepped over.
  async headPosition(): Promise<Position | null> {
    let from: ReadPosition = END;
    for (;;) {
      const page = await this.readAllPage(from, BACKWARDS, HEAD_PAGE);
      const newest = page.find((resolved) => isPortEvent(resolved));
      if (newest) return toPosition(newest.event.position);
      const oldest = page.at(-1)?.event?.position;
      if (page.length < HEAD_PAGE || !oldest) return null;
      from = oldest;
    }
  }

  async close(): Promise<void> {
    await this.client.dispose();
  }

  private async readAllPage(
    from: ReadPosition,
    direction: typeof FORWARDS | typeof BACKWARDS,
    maxCount: number,
  ) {
    const page: AllStreamResolvedEvent[] = [];
    try {
      for await (const resolved of this.client.readAll({ fromPosition: from, direction, maxCount }))
        page.push(resolved);
    } catch (error) {
      throw toPortError(error);
    }
    return page;
  }

  private async tip(stream: string): Promise<ChainTip> {
    const { events } = await this.readStream(stream, { backwards: true, limit: 1 });
    const last = events[0];
    return last ? { version: last.version, hash: hashOf(last) } : EMPTY_TIP;
  }

  private async currentVersion(stream: string): Promise<number> {
    return (await this.readStream(stream, { backwards: true, limit: 1 })).version;
  }

  // Nothing to write, but the expectation still holds or fails as it would for a real append.
  private async appendNothing(stream: string, expectedVersion: ExpectedVersion): Promise<AppendResult> {
    const version = await this.currentVersion(stream);
    if (expectedVersion !== 'any' && expectedVersion !== version) {
      throw new VersionConflictError(stream, expectedVersion, version);
    }
    return { version, position: (await this.headPosition()) ?? 0 };
  }
}
