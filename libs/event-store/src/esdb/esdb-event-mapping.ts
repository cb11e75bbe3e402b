// Port numbering ↔ ESDB numbering, and port events ↔ client events. The port counts events
// (version 0 = no stream, an event's version is 1-based); ESDB revisions are 0-based. Port positions
// are the $all commit positions, which fit in a safe integer for any log below 8 PiB.
import { ANY, END, jsonEvent, NO_STREAM, START } from '@eventstore/db-client';
import type {
  AllStreamResolvedEvent,
  AppendExpectedRevision,
  EventData,
  Position as EsdbPosition,
  ReadPosition,
  ReadRevision,
  ResolvedEvent,
} from '@eventstore/db-client';
import { matchesFilter } from '../catch-up.js';
import {
  EventMetadata,
  ExpectedVersion,
  NewEvent,
  Position,
  RecordedEvent,
  StreamFilter,
} from '../event-store.port.js';

type ClientRecordedEvent = NonNullable<ResolvedEvent['event'] | AllStreamResolvedEvent['event']>;

// Servers send 2^64-1 ("no position") where they have none, e.g. on some stream reads.
const NO_POSITION = 2n ** 63n;

export function toExpectedRevision(expected: ExpectedVersion): AppendExpectedRevision {
  if (expected === 'any') return ANY;
  return expected === 0 ? NO_STREAM : BigInt(expected - 1);
}

export const versionOf = (revision: bigint): number => Number(revision) + 1;

export function toReadRevision(fromVersion: number | undefined, backwards: boolean): ReadRevision {
  if (fromVersion === undefined) return backwards ? END : START;
  return fromVersion < 1 ? START : BigInt(fromVersion - 1);
}

export function toPosition(position: EsdbPosition | undefined): Position {
  const value = position && (position.commit < NO_POSITION ? position.commit : position.prepare);
  if (value === undefined || value >= NO_POSITION || value > BigInt(Number.MAX_SAFE_INTEGER)) {
    throw new Error(`EventStoreDB gave no usable position (${position?.commit}/${position?.prepare})`);
  }
  return Number(value);
}

export const toReadPosition = (after: Position | null): ReadPosition =>
  after === null ? START : { commit: BigInt(after), prepare: BigInt(after) };

export const toEventData = (event: NewEvent): EventData =>
  jsonEvent({ id: event.id, type: event.type, data: event.data, metadata: event.metadata });

// What the port carries: recorded (not unresolved link) events of non-system streams.
export function isPortEvent(
  resolved: ResolvedEvent | AllStreamResolvedEvent,
  filter?: StreamFilter,
): resolved is { event: ClientRecordedEvent } {
  const stream = resolved.event?.streamId;
  return stream !== undefined && !stream.startsWith('$') && matchesFilter(stream, filter);
}

export function toRecordedEvent({ event }: { event: ClientRecordedEvent }): RecordedEvent {
  const data = event.isJson ? event.data : JSON.parse(Buffer.from(event.data).toString('utf8'));
  return {
    id: event.id,
    type: event.type,
    stream: event.streamId,
    data: data as Record<string, unknown>,
    metadata: (event.metadata ?? {}) as EventMetadata,
    version: versionOf(event.revision),
    position: toPosition(event.position),
  };
}
