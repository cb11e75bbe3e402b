import { describe, expect, it } from '@jest/globals';
import { type EventStore, MemoryEventStore } from '@sales/event-store';
import { ALL_PROJECTIONS, replay } from '@sales/projections';
import { MemoryReadStore } from '@sales/read-store';
import { appendHistory, salesHistory } from '@sales/testing';
import { HistoryAsOf } from './history-as-of.js';
import type { ReportReads } from './report-reads.js';

// Deals start at random times over 2025 and the first half of 2026: the later deals of the
// history hold events from before and after this date alike.
const AS_OF = '2025-09-28T00:00:00.000Z';
const COLLECTIONS = [
  ['deals', 'deals'],
  ['leads', 'leads'],
  ['activities', 'activities'],
  ['accounts', 'accounts'],
  ['stage-visits', 'visits'],
] as const;

// Records where each read of the log starts: null for a pass from the beginning. (These histories
// fit in one page: one read per pass.)
function recordingReads(store: EventStore) {
  const starts: (number | null)[] = [];
  const readFacts: EventStore['readFacts'] = (after, limit, filter) => {
    starts.push(after);
    return store.readFacts(after, limit, filter);
  };
  return { events: Object.assign(Object.create(store) as EventStore, { readFacts }), starts };
}

// Every projection replayed at once over the log up to its head, as of AS_OF: what any history
// must equal.
async function replayedFromScratch(store: EventStore) {
  const kept = (await store.readFacts(null, 1_000_000)).filter((e) => String(e.data.occurredAt) <= AS_OF);
  const reads = new MemoryReadStore();
  const refs = await replay(ALL_PROJECTIONS, kept, reads);
  const docs: Record<string, unknown[]> = {};
  for (const [name, collection] of COLLECTIONS) docs[name] = await reads.find(refs.get(name)!, collection);
  return docs;
}

const documents = async (reads: ReportReads) => {
  const docs: Record<string, unknown[]> = {};
  for (const [name, collection] of COLLECTIONS)
    docs[name] = await reads.store.find(reads.ref(name), collection);
  return docs;
};

describe('HistoryAsOf', () => {
  it('replays the read models asked for at the same time in one pass over the log, each only once', async () => {
    const store = new MemoryEventStore();
    await appendHistory(store, salesHistory({ deals: 30, seed: 5 }));
    const head = (await store.headPosition()) as number;
    const { events, starts } = recordingReads(store);
    const history = new HistoryAsOf(events, AS_OF, head);
    const nothing = async () => null;

    await Promise.all([
      history.read(['deals', 'leads'], head, nothing),
      history.read(['leads'], head, nothing),
      history.read(['activities', 'deals', 'stage-visits'], head, nothing),
    ]);
    expect(starts).toEqual([null]);
    await history.read(['deals', 'leads'], head, nothing);
    expect(starts).toEqual([null]);
    await history.read(['accounts'], head, async (reads) => {
      expect(await documents(reads)).toEqual(await replayedFromScratch(store));
    });
    expect(starts).toEqual([null, null]);
    expect(() => history.ref('reference')).toThrow('was not replayed');
  });

  it('catches up with the events appended since, backdated ones included, without replaying the log again', async () => {
    // The history comes in time order; the deals with an odd number come later, backdated.
    const appends = salesHistory({ deals: 60, seed: 8 });
    const later = (append: { stream: string }) => /[13579]$/.test(append.stream);
    const store = new MemoryEventStore();
    await appendHistory(
      store,
      appends.filter((append) => !later(append)),
    );
    const first = (await store.headPosition()) as number;
    const { events, starts } = recordingReads(store);
    const history = new HistoryAsOf(events, AS_OF, first);
    const all = COLLECTIONS.map(([name]) => name);
    await history.read(all, first, async (reads) =>
      expect(await documents(reads)).toEqual(await replayedFromScratch(store)),
    );

    await appendHistory(store, appends.filter(later));
    const head = (await store.headPosition()) as number;
    const before = await history.read(all, first, documents);
    const after = await history.read(all, head, documents);
    expect(after).toEqual(await replayedFromScratch(store));
    expect(after.deals.length).toBeGreaterThan(before.deals.length);
    expect(history.head).toBe(head);
    expect(starts).toEqual([null, first]);
  });

  it('refuses every later read once a replay failed half-way', async () => {
    const store = new MemoryEventStore();
    await appendHistory(store, salesHistory({ deals: 5, seed: 2 }));
    const head = (await store.headPosition()) as number;
    const failing = Object.assign(Object.create(store) as EventStore, {
      readFacts: async () => {
        throw new Error('disk gone');
      },
    });
    const history = new HistoryAsOf(failing, AS_OF, head);
    await expect(history.read(['deals'], head, async () => 'read')).rejects.toThrow('disk gone');
    expect(history.broken).toBeInstanceOf(Error);
    await expect(history.read([], head, async () => 'read')).rejects.toThrow('disk gone');
  });
});
