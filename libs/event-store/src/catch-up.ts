import { AppendNotifier } from './append-notifier.js';
import { Position, RecordedEvent, StreamFilter } from './event-store.port.js';
import { pause } from './pause.js';

type ReadAll = (after: Position | null, limit: number, filter: StreamFilter) => Promise<RecordedEvent[]>;

// A catch-up subscription over any store that can read $all in pages: read until empty, then wait
// for an append (or the poll interval), forever, until the signal aborts.
//
// Live, it reads at most once every `liveIntervalMs`: under a steady flow of appends (group commits
// every millisecond or two) every subscriber would otherwise read, and a projection commit, for each
// one. After a quiet spell (no read for that long) an append is read at once.
export async function* catchUp(
  readAll: ReadAll,
  notifier: AppendNotifier,
  after: Position | null,
  filter: StreamFilter,
  signal: AbortSignal,
  { batchSize = 1000, pollMs = 250, liveIntervalMs = 10 } = {},
): AsyncGenerator<RecordedEvent> {
  let position = after;
  while (!signal.aborted) {
    const mark = notifier.mark;
    const readAt = performance.now();
    const page = await readAll(position, batchSize, filter);
    for (const event of page) {
      if (signal.aborted) return;
      position = event.position;
      yield event;
    }
    if (page.length < batchSize) {
      await notifier.waitSince(mark, signal, pollMs);
      const early = readAt + liveIntervalMs - performance.now();
      if (early > 0 && !signal.aborted) await pause(early, signal);
    }
  }
}

export function matchesFilter(stream: string, filter: StreamFilter | undefined): boolean {
  return !filter || filter.streamPrefixes.some((prefix) => stream.startsWith(prefix));
}
