// Streams are numbered by version: the number of events in the stream (0 = no stream). An event's
// `version` is the stream's version right after it (1-based). Adapters hide their own numbering.
// Positions are global, strictly increasing, and safe integers (the ESDB adapter maps commit
// positions onto them); `null` means "before the first event".

export type Position = number;

export type EventMetadata = {
  recordedAt: string;
  commandId: string;
  correlationId: string;
  causationId: string;
  actorId: string | null;
  principal: string;
  schemaVersion: number;
  /** Set by the store at append (hash-chain.ts): the hash of the stream's previous event, null for the first. */
  prevHash?: string | null;
  /** Set by the store at append: SHA-256 of this event's canonical form, chained onto prevHash. */
  hash?: string;
  [extra: string]: unknown;
};

export type NewEvent = {
  id: string;
  type: string;
  data: Record<string, unknown>;
  metadata: EventMetadata;
};

export type RecordedEvent = NewEvent & {
  stream: string;
  version: number;
  position: Position;
};

// What projections read of an event: its facts and where it stands in the log, without the id,
// version and metadata that a store may then leave unread.
export type EventFacts = {
  type: string;
  stream: string;
  position: Position;
  data: Record<string, unknown>;
  /** metadata.recordedAt: when the engine recorded it (temporal read models version by it). */
  recordedAt: string;
};

export type ExpectedVersion = number | 'any';

export type AppendResult = { version: number; position: Position };

export type ReadStreamOptions = {
  /** inclusive; 1 = first event */
  fromVersion?: number;
  backwards?: boolean;
  limit?: number;
};

// An empty prefix list matches no stream; no filter at all matches every stream.
export type StreamFilter = { streamPrefixes: string[] };

export interface EventStore {
  append(stream: string, events: NewEvent[], expectedVersion: ExpectedVersion): Promise<AppendResult>;
  readStream(
    stream: string,
    options?: ReadStreamOptions,
  ): Promise<{ events: RecordedEvent[]; version: number }>;
  /** Events strictly after `after`, in global order. */
  readAll(after: Position | null, limit: number, filter?: StreamFilter): Promise<RecordedEvent[]>;
  /** The same events as readAll, with their facts only. */
  readFacts(after: Position | null, limit: number, filter?: StreamFilter): Promise<EventFacts[]>;
  /** Catch-up then live: events strictly after `after`; ends when `signal` aborts. */
  subscribe(after: Position | null, filter: StreamFilter, signal: AbortSignal): AsyncIterable<RecordedEvent>;
  /** Position of the last event in the store (null when empty). */
  headPosition(): Promise<Position | null>;
  close(): Promise<void>;
}

export const EVENT_STORE = Symbol('EventStore');

export class VersionConflictError extends Error {
  readonly code = 'VERSION_CONFLICT';
  constructor(
    readonly stream: string,
    readonly expectedVersion: ExpectedVersion,
    readonly actualVersion: number,
  ) {
    super(`stream ${stream}: expected version ${expectedVersion}, actual ${actualVersion}`);
  }
}

export class EventStoreUnavailableError extends Error {
  readonly code = 'EVENT_STORE_UNAVAILABLE';
}

// A writer that decides again on every conflict gives up after a bounded number of rounds: the
// stream is busier than the caller can keep up with, and a later retry may well succeed.
export class StreamContendedError extends Error {
  readonly code = 'STREAM_CONTENDED';
  constructor(
    readonly stream: string,
    readonly attempts: number,
  ) {
    super(`stream ${stream} kept changing over ${attempts} attempts; retry the command`);
  }
}

/** Every error the port defines: what a caller of the event store has to be ready for. */
export type EventStorePortError = VersionConflictError | EventStoreUnavailableError | StreamContendedError;

export const isEventStorePortError = (error: unknown): error is EventStorePortError =>
  error instanceof VersionConflictError ||
  error instanceof EventStoreUnavailableError ||
  error instanceof StreamContendedError;

export const toFacts = (event: RecordedEvent): EventFacts => ({
  type: event.type,
  stream: event.stream,
  position: event.position,
  data: event.data,
  recordedAt: event.metadata.recordedAt,
});
