import { type MessagePort, parentPort, workerData } from 'node:worker_threads';
import { SqliteEventStore } from '@sales/event-store';
import { ALL_PROJECTIONS, ProjectionEngine } from '@sales/projections';
import { type AppConfig, openEventStore, openReadStore } from '@sales/platform';
import type { ThreadReply, ThreadRequest } from './projection-thread-protocol.js';
import { lowerThisThreadPriority } from './thread-priority.js';

// The request path comes first: under a burst of commands the read models fall behind for a while
// and then catch up in larger batches, which cost less per event; when the CPU is free the thread
// runs at full speed. Nothing waits on the thread but reads with `minPosition`.
const PROJECTION_THREAD_NICE = 10;

// The API's inline projectors on a worker thread of its process (projection-thread-client.ts
// starts it): the engine on its own store connections, so that applying events and committing read
// models never hold up the event loop that serves HTTP. It takes leases through the read store as
// any engine does, and answers the API's ProjectionControl calls.
async function run(port: MessagePort, config: AppConfig): Promise<void> {
  lowerThisThreadPriority(PROJECTION_THREAD_NICE);
  const events = await openEventStore(config);
  const reads = await openReadStore(config);
  const engine = new ProjectionEngine(ALL_PROJECTIONS, events, reads, { dropDelayMs: 10_000 });
  const reply = (message: ThreadReply) => port.postMessage(message);

  const answer = async ({ id, call, args }: Extract<ThreadRequest, { call: string }>) => {
    try {
      const result = await (engine[call] as (...a: unknown[]) => Promise<unknown>)(...args);
      reply({ id, result });
    } catch (error) {
      const { message, code } =
        error instanceof Error
          ? (error as Error & { code?: string })
          : { message: String(error), code: undefined };
      reply({ id, error: { message, code } });
    }
  };

  port.on('message', (request: ThreadRequest) => {
    if ('appended' in request) {
      if (events instanceof SqliteEventStore) events.appendedElsewhere();
    } else if ('call' in request) {
      void answer(request);
    } else {
      void (async () => {
        await engine.stop();
        await reads.close();
        await events.close();
        reply({ stopped: true });
        port.close();
      })();
    }
  });
  await engine.start();
  reply({ started: true });
}

if (parentPort) {
  const port = parentPort;
  run(port, workerData as AppConfig).catch((error: unknown) =>
    port.postMessage({
      failed: error instanceof Error ? error.message : String(error),
    } satisfies ThreadReply),
  );
}
