import { describe, expect, it } from '@jest/globals';
import { type EventStore, MemoryEventStore } from '@sales/event-store';
import { ALL_PROJECTIONS, replay } from '@sales/projections';
import { MemoryReadStore } from '@sales/read-store';
import { appendHistory, salesHistory } from '@sales/testing';
import { HistoryAsOf } from './history-as-of.js';

const AS_OF = '2099-01-01T00:00:00.000Z';

// Counts the passes over the log: each begins with a read from its start.
function countingPasses(store: EventStore) {
  const passes: string[][] = [];
  const readFacts: EventStore['readFacts'] = (after, limit, filter) => {
    if (after === null) passes.push([...(filter?.streamPrefixes ?? [])].sort());
    return store.readFacts(after, limit, filter);
  };
  return { events: Object.assign(Object.create(store) as EventStore, { readFacts }), passes };
}

describe('HistoryAsOf', () => {
  it('replays the read models asked for at the same time in one pass over the log, each only once', async () => {
    const store = new MemoryEventStore();
    await appendHistory(store, salesHistory({ deals: 30, seed: 5 }));
    const head = (await store.headPosition()) as number;
    const { events, passes } = countingPasses(store);
    const history = new HistoryAsOf(events, AS_OF, head);

    await Promise.all([
      history.ensure(['deals', 'reference']),
      history.ensure(['leads']),
      history.ensure(['activities', 'deals']),
    ]);
    expect(passes).toHaveLength(1);
    await history.ensure(['deals', 'leads']);
    expect(passes).toHaveLength(1);
    await history.ensure(['accounts']);
    expect(passes).toHaveLength(2);

    // The same documents as one replay of every projection over the whole history.
    const all = new MemoryReadStore();
    const refs = await replay(ALL_PROJECTIONS, await store.readFacts(null, 1_000_000), all);
    for (const [name, collection] of [
      ['deals', 'deals'],
      ['leads', 'leads'],
      ['activities', 'activities'],
      ['accounts', 'accounts'],
    ] as const) {
      const replayed = await history.store.find(history.ref(name), collection);
      expect(replayed.length).toBeGreaterThan(0);
      expect(replayed).toEqual(await all.find(refs.get(name)!, collection));
    }
    expect(() => history.ref('stage-visits')).toThrow('was not replayed');
  });
});
