// A catch-up subscription to $all that survives dropped connections: after an error it did not cause
// itself, it re-subscribes from the last position it delivered (ESDB subscriptions start strictly
// after the given position), so no event is lost or delivered twice.
import { streamNameFilter } from '@eventstore/db-client';
import type { AllStreamResolvedEvent, EventStoreDBClient } from '@eventstore/db-client';
import { EventStoreUnavailableError, Position, RecordedEvent, StreamFilter } from '../event-store.port.js';
import { pause } from '../pause.js';
import { isPortEvent, toReadPosition, toRecordedEvent } from './esdb-event-mapping.js';

export type RetryPolicy = { initialDelayMs: number; maxDelayMs: number; maxAttempts: number };

export const DEFAULT_RETRY: RetryPolicy = { initialDelayMs: 100, maxDelayMs: 5_000, maxAttempts: 10 };

// An empty prefix list matches nothing, as everywhere in the port.
const serverFilter = ({ streamPrefixes }: StreamFilter) =>
  streamPrefixes.length
    ? streamNameFilter({ prefixes: streamPrefixes })
    : streamNameFilter({ regex: '^(?!)' });

async function nextOrError<T>(iterator: AsyncIterator<T>): Promise<IteratorResult<T> | { error: unknown }> {
  try {
    return await iterator.next();
  } catch (error) {
    return { error };
  }
}

export async function* resilientSubscription(
  client: EventStoreDBClient,
  after: Position | null,
  filter: StreamFilter,
  signal: AbortSignal,
  retry: RetryPolicy = DEFAULT_RETRY,
): AsyncGenerator<RecordedEvent> {
  let last = after;
  let failures = 0;
  while (!signal.aborted) {
    const subscription = client.subscribeToAll({
      fromPosition: toReadPosition(last),
      filter: serverFilter(filter),
    });
    const stop = () => subscription.destroy();
    signal.addEventListener('abort', stop, { once: true });
    subscription.on('confirmation', () => (failures = 0));
    let cause: unknown;
    try {
      const events: AsyncIterator<AllStreamResolvedEvent> = subscription[Symbol.asyncIterator]();
      for (;;) {
        const next = await nextOrError(events);
        if ('error' in next) cause = next.error;
        if ('error' in next || next.done) break;
        if (!isPortEvent(next.value, filter)) continue;
        const event = toRecordedEvent(next.value);
        if (last !== null && event.position <= last) continue;
        last = event.position;
        yield event;
      }
    } finally {
      signal.removeEventListener('abort', stop);
      subscription.destroy();
      subscription.unsubscribe().catch(() => undefined);
    }
    if (signal.aborted) return;
    if (++failures > retry.maxAttempts) {
      throw new EventStoreUnavailableError(`$all subscription failed ${failures} times in a row`, { cause });
    }
    await pause(Math.min(retry.maxDelayMs, retry.initialDelayMs * 2 ** (failures - 1)), signal);
  }
}
