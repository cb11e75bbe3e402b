// An in-process EventStoreDB stand-in: the Streams service over grpc-js, for exactly what
// @eventstore/db-client 6.x sends for append, stream and $all reads and filtered $all subscriptions.
// See README.md for what it leaves out.
import streamsGrpc from '@eventstore/db-client/generated/streams_grpc_pb.js';
import type { AppendReq, AppendResp, ReadReq, ReadResp } from '@eventstore/db-client/generated/streams_pb.js';
import {
  Metadata,
  Server,
  ServerCredentials,
  status,
  type sendUnaryData,
  type ServerReadableStream,
  type ServerWritableStream,
} from '@grpc/grpc-js';
import { randomUUID } from 'node:crypto';
import { DoubleLog, ProposedEvent, StoredEvent } from './double-log.js';
import {
  allFrom,
  appendResponse,
  caughtUp,
  checkpoint,
  confirmation,
  eventResponse,
  expectedOf,
  proposedEvent,
  streamFrom,
  streamName,
  streamNotFound,
  subscriptionFilter,
} from './wire.js';

export type RunningDouble = { url: string; port: number; stop: () => Promise<void> };

type ReadCall = ServerWritableStream<ReadReq, ReadResp>;
type OpenSubscription = { call: ReadCall; close: () => void };

function fail(code: status, details: string) {
  return { code, details, metadata: new Metadata(), name: 'DoubleError', message: details };
}

export class EsdbDouble {
  readonly log = new DoubleLog();
  private readonly subscriptions = new Set<OpenSubscription>();

  // `port` 0: any free port (tests). A port: the one the standalone launcher was asked for, or the
  // one a stopped double had, to come back there with its log kept (it lives in this object), as a
  // restarted server would.
  async start(port = 0): Promise<RunningDouble> {
    const server = new Server();
    // Only Append and Read are implemented; grpc-js answers UNIMPLEMENTED for the other methods and
    // for the unregistered ServerFeatures service, which makes the client use Append, not BatchAppend.
    server.addService(streamsGrpc.StreamsService, {
      append: (call: ServerReadableStream<AppendReq, AppendResp>, callback: sendUnaryData<AppendResp>) =>
        this.append(call, callback),
      read: (call: ReadCall) => this.read(call),
    });
    const bound = await new Promise<number>((resolve, reject) =>
      server.bindAsync(`127.0.0.1:${port}`, ServerCredentials.createInsecure(), (error, bound) =>
        error ? reject(error) : resolve(bound),
      ),
    );
    return {
      url: `esdb://127.0.0.1:${bound}?tls=false`,
      port: bound,
      stop: async () => {
        for (const subscription of this.subscriptions) subscription.close();
        server.forceShutdown();
      },
    };
  }

  get openSubscriptions(): number {
    return this.subscriptions.size;
  }

  // Fault injection: end every open subscription with UNAVAILABLE, as a cut connection would.
  dropSubscriptions(): number {
    const dropped = [...this.subscriptions];
    for (const { call, close } of dropped) {
      close();
      call.emit('error', fail(status.UNAVAILABLE, 'connection dropped by the test double'));
    }
    return dropped.length;
  }

  private append(
    call: ServerReadableStream<AppendReq, AppendResp>,
    callback: sendUnaryData<AppendResp>,
  ): void {
    let options: AppendReq.Options | undefined;
    const proposed: ProposedEvent[] = [];
    call.on('data', (request: AppendReq) => {
      if (request.hasOptions()) options = request.getOptions();
      const message = request.getProposedMessage();
      if (message) proposed.push(proposedEvent(message));
    });
    call.on('end', () => {
      if (!options) return callback(fail(status.INVALID_ARGUMENT, 'AppendReq.options must come first'));
      const expected = expectedOf(options);
      const outcome = this.log.append(streamName(options.getStreamIdentifier()), expected, proposed);
      callback(null, appendResponse(outcome, expected));
    });
  }

  private read(call: ReadCall): void {
    const options = call.request.getOptions();
    if (!options) return void call.emit('error', fail(status.INVALID_ARGUMENT, 'ReadReq.options missing'));
    const backwards = options.getReadDirection() === 1;
    const stream = options.getStream();
    const all = options.getAll();
    if (options.hasSubscription()) {
      if (!all) return void call.emit('error', fail(status.UNIMPLEMENTED, 'only $all subscriptions'));
      return this.subscribe(call, options, all);
    }
    const count = Number(BigInt(options.getCount()));
    if (stream) {
      const name = streamName(stream.getStreamIdentifier());
      const events = this.log.readStream(name, streamFrom(stream), backwards, count);
      if (!events) call.write(streamNotFound(name));
      for (const event of events ?? []) call.write(eventResponse(event, false));
    } else if (all) {
      for (const event of this.log.readAll(allFrom(all), backwards, count))
        call.write(eventResponse(event, true));
    }
    call.end();
  }

  // confirmation → catch-up strictly after the position → checkpoint → caught_up → live, on one
  // open call. Catch-up and registering the live listener happen in the same tick: nothing is missed.
  private subscribe(call: ReadCall, options: ReadReq.Options, all: ReadReq.Options.AllOptions): void {
    const filter = subscriptionFilter(options);
    let considered = 0;
    const deliver = (event: StoredEvent) => {
      considered++;
      if (!filter || filter.matches(event)) call.write(eventResponse(event, true));
      if (filter && considered % filter.checkpointEvery === 0) call.write(checkpoint(event.position));
    };
    call.write(confirmation(randomUUID()));
    for (const event of this.log.after(allFrom(all))) deliver(event);
    if (filter) call.write(checkpoint(this.log.head() ?? 0n));
    call.write(caughtUp());
    const stopListening = this.log.listen(deliver);
    const subscription: OpenSubscription = {
      call,
      close: () => {
        stopListening();
        this.subscriptions.delete(subscription);
      },
    };
    this.subscriptions.add(subscription);
    call.on('cancelled', subscription.close);
    call.on('close', subscription.close);
  }
}
