import type { EventMetadata, Position, RecordedEvent } from '@sales/event-store';

// One event as other services see it, in the feed, its live tail and a webhook's body alike.
export type FeedItem = {
  position: Position;
  stream: string;
  revision: number;
  type: string;
  occurredAt: string | null;
  recordedAt: string;
  data: Record<string, unknown>;
  metadata: EventMetadata;
};

export function toFeedItem(event: RecordedEvent): FeedItem {
  const occurredAt = event.data.occurredAt;
  return {
    position: event.position,
    stream: event.stream,
    // The stream's version after the event, as in a deal's history.
    revision: event.version,
    type: event.type,
    occurredAt: typeof occurredAt === 'string' ? occurredAt : null,
    recordedAt: event.metadata.recordedAt,
    data: event.data,
    metadata: event.metadata,
  };
}
