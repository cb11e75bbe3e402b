import { EsdbEventStore, type EventStore, SqliteEventStore } from '@sales/event-store';
import { AppConfig, dataFile } from '../config/app-config.js';

// The one place that chooses the event store: EventStoreDB when EVENTSTORE_URL names it, else embedded SQLite.
export async function openEventStore(config: AppConfig): Promise<EventStore> {
  if (config.eventStoreUrl) return new EsdbEventStore(config.eventStoreUrl);
  return new SqliteEventStore(dataFile(config, 'events.db'));
}
