import { describe, expect, it } from '@jest/globals';
import { eventStoreContract, newEvent } from './event-store.contract.js';
import { VersionConflictError } from './event-store.port.js';
import { MemoryEventStore } from './memory/memory-event-store.js';
import { type AppendObservation, ObservedEventStore } from './observed-event-store.js';

// The wrapper changes nothing an adapter promises.
eventStoreContract('observed memory', async () => {
  const store = new ObservedEventStore(new MemoryEventStore(), { appended: () => undefined });
  return { store, dispose: () => store.close() };
});

describe('ObservedEventStore', () => {
  it('reports each append: its events, its time and its outcome', async () => {
    const seen: AppendObservation[] = [];
    const store = new ObservedEventStore(new MemoryEventStore(), { appended: (o) => seen.push(o) });
    await store.append('deal-1', [newEvent('A'), newEvent('B')], 0);
    await expect(store.append('deal-1', [newEvent('C')], 0)).rejects.toBeInstanceOf(VersionConflictError);
    expect(seen.map(({ events, outcome }) => ({ events, outcome }))).toEqual([
      { events: 2, outcome: 'ok' },
      { events: 1, outcome: 'conflict' },
    ]);
    for (const { seconds } of seen) expect(seconds).toBeGreaterThanOrEqual(0);
  });
});
