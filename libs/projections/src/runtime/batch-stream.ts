import type { RecordedEvent } from '@sales/event-store';

const IDLE = Symbol('idle');

// Groups a subscription into batches: everything already available (up to `max`) goes into one
// batch; a batch closes as soon as the subscription has nothing ready, so live events are applied
// at once and catch-up events in large batches.
export async function* batchStream(
  events: AsyncIterable<RecordedEvent>,
  max: number,
): AsyncGenerator<{ events: RecordedEvent[]; idle: boolean }> {
  const iterator = events[Symbol.asyncIterator]();
  let pending = iterator.next();
  for (;;) {
    const first = await pending;
    if (first.done) return;
    const batch = [first.value];
    pending = iterator.next();
    let idle = false;
    while (batch.length < max) {
      const next = await Promise.race([
        pending,
        new Promise<typeof IDLE>((resolve) => setImmediate(resolve, IDLE)),
      ]);
      if (next === IDLE) {
        idle = true;
        break;
      }
      if (next.done) {
        yield { events: batch, idle: true };
        return;
      }
      batch.push(next.value);
      pending = iterator.next();
    }
    yield { events: batch, idle };
  }
}
