import { type EventStore, pause, toFacts } from '@sales/event-store';
import { type GenerationRef, isFenced, type Lease, type ReadStore } from '@sales/read-store';
import { storedIndexes } from '../temporal/version-fields.js';
import { applyBatch, type BatchDocs, PoisonEventError } from './apply-batch.js';
import { batchStream } from './batch-stream.js';
import type { ReadPage } from './page-reader.js';
import { DocCache } from './doc-cache.js';
import type { ProjectedEvent, Projection } from './projection.js';
import { RowBudget } from './row-budget.js';

export type LoopEvents = {
  /** `caughtUp`: nothing was left in the log after this batch when it was applied. */
  onBatch: (position: number | null, events: number, caughtUp: boolean) => void;
  onError: (error: unknown, fatal: boolean) => void;
  /** The lease has passed to another process: the loop has stopped for good. */
  onFenced: (error: unknown) => void;
};

/** `rowBudget`: shared by the projections catching up together (one of its own otherwise). */
export type LoopOptions = { readPage?: ReadPage; fence?: Lease; rowBudget?: RowBudget };

const EVERY_STREAM = { streamPrefixes: [''] };
const PAGE = 5000;
// Rows one projection alone may hold unwritten (the engine shares a larger budget among all).
const OWN_ROWS = 50_000;
const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

async function isAtHead(events: EventStore, position: number | null): Promise<boolean> {
  const head = await events.headPosition();
  return head === null || (position !== null && position >= head);
}

// Feeds one generation of a projection from its checkpoint, forever: catch-up, then live. Every
// event advances the checkpoint (the subscription is not filtered), so a projection's position
// always reaches the head of the log and `minPosition` can wait on any command's position.
export async function runGeneration(
  projection: Projection,
  ref: GenerationRef,
  events: EventStore,
  readStore: ReadStore,
  signal: AbortSignal,
  listener: LoopEvents,
  {
    readPage = (after, limit, filter) => events.readFacts(after, limit, filter),
    fence,
    rowBudget: budget = new RowBudget(OWN_ROWS),
  }: LoopOptions = {},
): Promise<void> {
  const cache = new DocCache(readStore, ref, fence);
  const docs: BatchDocs = {
    load: (keys) => cache.load(keys),
    versions: (collection, id, after) => cache.versions(collection, id, after),
  };
  // During catch-up, flush when the row budget is spent; live, after every batch. A flush the
  // budget asked for lets go of the documents too: what is held then is what the next pages bring.
  const apply = async (batch: ProjectedEvent[], flush: boolean, caughtUp: () => Promise<boolean>) => {
    const last = batch[batch.length - 1].position;
    cache.absorb(await applyBatch(projection, batch, docs));
    budget.hold(cache, cache.rowsHeld);
    const overBudget = budget.mustFlush(cache);
    if (flush || overBudget) {
      await cache.flush(last);
      if (overBudget) cache.forget();
      budget.hold(cache, cache.rowsHeld);
      listener.onBatch(last, batch.length, await caughtUp());
    }
    return last;
  };
  try {
    let backoff = 100;
    while (!signal.aborted) {
      try {
        // The indexes are built once the catch-up has reached the head (before a new generation is
        // swapped in): one sorted build per index instead of an index update per document written
        // (a backdated event finds the versions it needs by their _id: see versionIdsOf).
        // Inside the retry: a store that is down now is retried like any other hiccup.
        await readStore.ensureGeneration(ref, [], fence);
        // Catch up page by page over every stream, as live (large batches; every projection reads
        // the same pages, so that each page is read and parsed once for all); a short page means
        // every event up to the head read before it has been seen, so the checkpoint moves there (a
        // full page that reaches that head is the last one too: no position at the head is reported
        // before the indexes exist). Then follow every stream live.
        let after = await readStore.checkpoint(ref);
        for (;;) {
          const head = await events.headPosition();
          const page = await readPage(after, PAGE, EVERY_STREAM);
          if (signal.aborted) return;
          if (page.length === PAGE && (head === null || page[PAGE - 1].position < head)) {
            after = await apply(page, false, async () => false);
            // One page per turn of the event loop: projections catching up together stay in step,
            // so that the shared reader reads each page once, not again for one fallen behind.
            await nextTurn();
          } else {
            const reached = Math.max(page[page.length - 1]?.position ?? -1, head ?? -1, after ?? -1);
            if (page.length) cache.absorb(await applyBatch(projection, page, docs));
            if (reached >= 0) await cache.flush(reached);
            budget.hold(cache, cache.rowsHeld);
            await readStore.ensureGeneration(ref, storedIndexes(projection), fence);
            if (reached < 0) break;
            after = reached;
            listener.onBatch(reached, page.length, true);
            break;
          }
          backoff = 100;
        }
        if (await isAtHead(events, after)) listener.onBatch(after, 0, true);
        for await (const batch of batchStream(events.subscribe(after, EVERY_STREAM, signal), PAGE)) {
          await apply(
            batch.events.map(toFacts),
            true,
            async () => batch.idle && (await isAtHead(events, batch.events[batch.events.length - 1].position)),
          );
          backoff = 100;
        }
      } catch (error) {
        cache.reset();
        budget.hold(cache, 0);
        if (signal.aborted) return;
        if (isFenced(error)) return listener.onFenced(error);
        // A poison event stops this projection only; store hiccups are retried from the checkpoint.
        const fatal = error instanceof PoisonEventError;
        listener.onError(error, fatal);
        if (fatal) return;
        await pause(backoff, signal);
        backoff = Math.min(backoff * 2, 10_000);
      }
    }
  } finally {
    // Whatever ends the loop, the rows it held are no longer held.
    budget.release(cache);
  }
}
