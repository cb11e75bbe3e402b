import type { AppendNotifier } from './append-notifier.js';
import type { Position, RecordedEvent, StreamFilter } from './event-store.port.js';

type ReadAll = (after: Position | null, limit: number, filter: StreamFilter) => Promise<RecordedEvent[]>;

const FRESH_MS = 5;

/**
 * Live subscribers of one store are woken by the same append and ask for the same rows (the
 * projections of a process follow the log together): the first of them reads and parses the rows,
 * the others get that read. A read is reused only while nothing was appended since through this
 * store and for FRESH_MS at most, so appends that another process made (seen at the next poll) are
 * never hidden for longer than that. The rows are shared, as read: subscribers do not change them.
 */
export function sharedTailRead(readAll: ReadAll, notifier: AppendNotifier): ReadAll {
  let last: { key: string; mark: number; at: number; rows: Promise<RecordedEvent[]> } | null = null;
  return (after, limit, filter) => {
    const key = `${after}\u0000${limit}\u0000${filter.streamPrefixes.join('\u0000')}`;
    const mark = notifier.mark;
    const now = performance.now();
    if (last && last.key === key && last.mark === mark && now - last.at < FRESH_MS) return last.rows;
    const rows = readAll(after, limit, filter);
    const read = { key, mark, at: now, rows };
    last = read;
    rows.catch(() => {
      if (last === read) last = null;
    });
    return rows;
  };
}
