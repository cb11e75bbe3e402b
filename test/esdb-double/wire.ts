// Protobuf messages in and out of the double, built with the client package's own generated classes
// (a second copy would break the client's instanceof checks; see esdb-protocol.md, trap 7).
import sharedPb from '@eventstore/db-client/generated/shared_pb.js';
import streamsPb from '@eventstore/db-client/generated/streams_pb.js';
import type { AppendReq, AppendResp, ReadReq, ReadResp } from '@eventstore/db-client/generated/streams_pb.js';
import type { AppendOutcome, Expected, From, ProposedEvent, StoredEvent } from './double-log.js';

const { Empty, StreamIdentifier, UUID } = sharedPb;
const { AppendReq: AppendReqClass, ReadReq: ReadReqClass } = streamsPb;
const { AppendResp: AppendRespClass, ReadResp: ReadRespClass } = streamsPb;
const ExpectedCase = AppendReqClass.Options.ExpectedStreamRevisionCase;

const utf8 = (bytes: Uint8Array) => Buffer.from(bytes).toString('utf8');

export const streamName = (id: { getStreamName_asU8(): Uint8Array } | undefined) =>
  utf8(id?.getStreamName_asU8() ?? new Uint8Array());

export function expectedOf(options: AppendReq.Options): Expected {
  switch (options.getExpectedStreamRevisionCase()) {
    case ExpectedCase.REVISION:
      return BigInt(options.getRevision());
    case ExpectedCase.NO_STREAM:
      return 'no_stream';
    case ExpectedCase.STREAM_EXISTS:
      return 'stream_exists';
    default:
      return 'any';
  }
}

export function proposedEvent(message: AppendReq.ProposedMessage): ProposedEvent {
  const metadata = message.getMetadataMap();
  return {
    id: message.getId()?.getString() ?? '',
    type: metadata.get('type') ?? '',
    contentType: metadata.get('content-type') ?? 'application/octet-stream',
    data: message.getData_asU8(),
    metadata: message.getCustomMetadata_asU8(),
  };
}

// The server answers OK either way: a WEV is in-band, with the new-style oneofs the client reads.
export function appendResponse(outcome: AppendOutcome, expected: Expected): AppendResp {
  const response = new AppendRespClass();
  if (outcome.ok) {
    const success = new AppendRespClass.Success();
    if (outcome.current === null) success.setNoStream(new Empty());
    else success.setCurrentRevision(outcome.current.toString());
    if (outcome.position === null) success.setNoPosition(new Empty());
    else {
      const position = outcome.position.toString();
      success.setPosition(
        new AppendRespClass.Position().setCommitPosition(position).setPreparePosition(position),
      );
    }
    return response.setSuccess(success);
  }
  const wev = new AppendRespClass.WrongExpectedVersion();
  if (outcome.current === null) wev.setCurrentNoStream(new Empty());
  else wev.setCurrentRevision(outcome.current.toString());
  if (expected === 'any') wev.setExpectedAny(new Empty());
  else if (expected === 'no_stream') wev.setExpectedNoStream(new Empty());
  else if (expected === 'stream_exists') wev.setExpectedStreamExists(new Empty());
  else wev.setExpectedRevision(expected.toString());
  return response.setWrongExpectedVersion(wev);
}

export function streamFrom(options: ReadReq.Options.StreamOptions): From {
  const Case = ReadReqClass.Options.StreamOptions.RevisionOptionCase;
  const revisionCase = options.getRevisionOptionCase();
  return revisionCase === Case.REVISION
    ? BigInt(options.getRevision())
    : revisionCase === Case.END
      ? 'end'
      : 'start';
}

export function allFrom(options: ReadReq.Options.AllOptions): From {
  const Case = ReadReqClass.Options.AllOptions.AllOptionCase;
  const allCase = options.getAllOptionCase();
  if (allCase === Case.POSITION) return BigInt(options.getPosition()?.getCommitPosition() ?? '0');
  return allCase === Case.END ? 'end' : 'start';
}

export type SubscriptionFilter = { matches: (event: StoredEvent) => boolean; checkpointEvery: number };

// Prefix = startsWith, else regex; the window defaults to the server's read batch size (32).
export function subscriptionFilter(options: ReadReq.Options): SubscriptionFilter | null {
  const filter = options.getFilter();
  if (!options.hasFilter() || !filter) return null;
  const onStream = filter.hasStreamIdentifier();
  const expression = onStream ? filter.getStreamIdentifier() : filter.getEventType();
  const prefixes = expression?.getPrefixList() ?? [];
  const regex = expression?.getRegex() ? new RegExp(expression.getRegex()) : null;
  const window = filter.hasMax() ? filter.getMax() : 32;
  return {
    matches: (event) => {
      const value = onStream ? event.stream : event.type;
      return regex ? regex.test(value) : prefixes.some((prefix) => value.startsWith(prefix));
    },
    checkpointEvery: Math.max(1, window * Math.max(1, filter.getCheckpointintervalmultiplier())),
  };
}

// Stream reads carry no $all position on the real server (no_position); the recorded event's own
// commit/prepare positions are filled in every case here.
export function eventResponse(event: StoredEvent, fromAll: boolean): ReadResp {
  const recorded = new ReadRespClass.ReadEvent.RecordedEvent()
    .setId(new UUID().setString(event.id))
    .setStreamIdentifier(new StreamIdentifier().setStreamName(Buffer.from(event.stream, 'utf8')))
    .setStreamRevision(event.revision.toString())
    .setCommitPosition(event.position.toString())
    .setPreparePosition(event.position.toString())
    .setData(event.data)
    .setCustomMetadata(event.metadata);
  recorded
    .getMetadataMap()
    .set('type', event.type)
    .set('content-type', event.contentType)
    .set('created', event.created.toString());
  const read = new ReadRespClass.ReadEvent().setEvent(recorded);
  if (fromAll) read.setCommitPosition(event.position.toString());
  else read.setNoPosition(new Empty());
  return new ReadRespClass().setEvent(read);
}

export const streamNotFound = (stream: string) =>
  new ReadRespClass().setStreamNotFound(
    new ReadRespClass.StreamNotFound().setStreamIdentifier(
      new StreamIdentifier().setStreamName(Buffer.from(stream, 'utf8')),
    ),
  );

export const confirmation = (id: string) =>
  new ReadRespClass().setConfirmation(new ReadRespClass.SubscriptionConfirmation().setSubscriptionId(id));

export const checkpoint = (position: bigint) =>
  new ReadRespClass().setCheckpoint(
    new ReadRespClass.Checkpoint()
      .setCommitPosition(position.toString())
      .setPreparePosition(position.toString()),
  );

export const caughtUp = () => new ReadRespClass().setCaughtUp(new ReadRespClass.CaughtUp());
