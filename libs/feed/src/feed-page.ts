import type { EventStore, Position } from '@sales/event-store';
import { EventSelection, streamFilterOf } from './event-selection.js';
import { FeedItem, toFeedItem } from './feed-item.js';

export type FeedPage = { items: FeedItem[]; nextAfter: Position | null };

// How many events one request may scan for a type filter before answering with what it found:
// a rare type over a long log is paged through by nextAfter rather than scanned in one request.
const SCAN_PAGES = 10;

// A page of the feed in log order. nextAfter is the last position looked at (returned or skipped
// by the type filter), so the next page starts right after it; on an empty page at the head it
// is `after` itself and the client polls with it again.
export async function readFeedPage(
  events: EventStore,
  after: Position | null,
  limit: number,
  selection: EventSelection,
): Promise<FeedPage> {
  const filter = streamFilterOf(selection);
  const items: FeedItem[] = [];
  let cursor = after;
  for (let page = 0; page < SCAN_PAGES && items.length < limit; page++) {
    const want = limit - items.length;
    const asked = selection.types === null ? want : Math.max(want, 100);
    const batch = await events.readAll(cursor, asked, filter);
    for (const event of batch) {
      cursor = event.position;
      if (selection.types === null || selection.types.includes(event.type)) items.push(toFeedItem(event));
      if (items.length === limit) break;
    }
    if (batch.length < asked) break;
  }
  return { items, nextAfter: cursor };
}
