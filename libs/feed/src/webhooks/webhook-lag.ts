import type { EventStore, Position } from '@sales/event-store';
import { readFeedPage } from '../feed-page.js';
import type { EventSelection } from '../event-selection.js';

// Past this many, "far behind" is all a reader needs; counting further would scan the whole log.
export const WEBHOOK_LAG_CAP = 1000;

/** Events of the selection after `position`, counted up to WEBHOOK_LAG_CAP. */
export async function pendingEvents(
  events: EventStore,
  position: Position | null,
  selection: EventSelection,
): Promise<number> {
  return (await readFeedPage(events, position, WEBHOOK_LAG_CAP, selection)).items.length;
}
