import type { EventFacts, EventStore, Position, StreamFilter } from '@sales/event-store';

export type ReadPage = (after: Position | null, limit: number, filter: StreamFilter) => Promise<EventFacts[]>;

const PAGES_KEPT = 16;

// Projections catching up together (a rebuild of all, a first start) read the same pages of the
// log: the first reader of a page reads and parses it, the others get it from here. Only full
// pages stay: the log only grows at its end, so a full page never changes, a short one may.
export function sharedPageReader(events: EventStore): ReadPage {
  const pages = new Map<string, Promise<EventFacts[]>>();
  return (after, limit, filter) => {
    const key = `${after}:${limit}:${filter.streamPrefixes.join(',')}`;
    let page = pages.get(key);
    if (!page) {
      page = events.readFacts(after, limit, filter);
      pages.set(key, page);
      page.then(
        (events) => events.length < limit && pages.get(key) === page && pages.delete(key),
        () => pages.delete(key),
      );
      if (pages.size > PAGES_KEPT) pages.delete(pages.keys().next().value as string);
    }
    return page;
  };
}
