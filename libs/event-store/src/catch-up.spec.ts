import { describe, expect, it } from '@jest/globals';
import { getEventListeners } from 'node:events';
import { AppendNotifier } from './append-notifier.js';
import { catchUp } from './catch-up.js';
import type { RecordedEvent } from './event-store.port.js';

const event = (position: number) => ({ position, stream: 'deal-1', type: 'T' }) as unknown as RecordedEvent;

describe('catchUp', () => {
  it('leaves no listener behind on the signal while it waits, live, again and again', async () => {
    const notifier = new AppendNotifier();
    const log: RecordedEvent[] = [];
    const readAll = async (after: number | null) => log.filter((e) => e.position > (after ?? 0));
    const controller = new AbortController();
    const seen: number[] = [];
    const subscription = catchUp(readAll, notifier, null, { streamPrefixes: ['deal-'] }, controller.signal, {
      pollMs: 1,
      liveIntervalMs: 2,
    });
    for (let position = 1; position <= 50; position++) {
      log.push(event(position));
      notifier.notify();
      const next = await subscription.next();
      seen.push((next.value as RecordedEvent).position);
      // one wait is pending at most: its own listener, nothing left over from the waits before
      expect(getEventListeners(controller.signal, 'abort').length).toBeLessThanOrEqual(1);
    }
    expect(seen).toEqual(Array.from({ length: 50 }, (_, i) => i + 1));
    controller.abort();
    expect((await subscription.next()).done).toBe(true);
  });
});
