// One behavioural suite for every EventStore adapter. An adapter's spec calls
// `eventStoreContract(name, open)` and nothing else; the cases never mention an adapter.
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import { verifyStore } from './chain-verification.js';
import { EventStore, NewEvent, RecordedEvent, VersionConflictError } from './event-store.port.js';
import { eventHash, verifyStream } from './hash-chain.js';

export type OpenStore = () => Promise<{ store: EventStore; dispose: () => Promise<void> }>;

export function newEvent(
  type: string,
  data: Record<string, unknown> = {},
  extra: Partial<NewEvent> = {},
): NewEvent {
  return {
    id: randomUUID(),
    type,
    data,
    metadata: {
      recordedAt: '2026-01-01T00:00:00.000Z',
      commandId: randomUUID(),
      correlationId: 'corr',
      causationId: 'cause',
      actorId: 'alice',
      principal: 'svc',
      schemaVersion: 1,
    },
    ...extra,
  };
}

async function take(iterable: AsyncIterable<RecordedEvent>, count: number): Promise<RecordedEvent[]> {
  const seen: RecordedEvent[] = [];
  for await (const event of iterable) {
    seen.push(event);
    if (seen.length >= count) break;
  }
  return seen;
}

function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  return Promise.race([
    promise,
    new Promise<T>((_, reject) => setTimeout(() => reject(new Error(`timed out: ${what}`)), ms).unref()),
  ]);
}

export function eventStoreContract(name: string, open: OpenStore): void {
  describe(`EventStore contract: ${name}`, () => {
    let store: EventStore;
    let dispose: () => Promise<void>;
    // Unique per test so that a shared server (a real EventStoreDB) never sees a stream twice.
    let prefix: string;
    const s = (id: string) => `${prefix}${id}`;

    beforeEach(async () => {
      ({ store, dispose } = await open());
      prefix = `t${randomUUID().replace(/-/g, '').slice(0, 12)}`;
    });
    afterEach(async () => {
      await dispose();
    });

    it('appends to a new stream and reads it back with versions 1..n and metadata intact', async () => {
      const events = [
        newEvent('A', { n: 1, text: 'héllo ✓' }),
        newEvent('B', { n: 2, nested: { list: [1, 2] } }),
      ];
      const result = await store.append(s('deal-1'), events, 0);
      expect(result.version).toBe(2);
      const read = await store.readStream(s('deal-1'));
      expect(read.version).toBe(2);
      expect(read.events.map((e) => [e.type, e.version, e.stream])).toEqual([
        ['A', 1, s('deal-1')],
        ['B', 2, s('deal-1')],
      ]);
      expect(read.events[0].data).toEqual({ n: 1, text: 'héllo ✓' });
      expect(read.events[1].data).toEqual({ n: 2, nested: { list: [1, 2] } });
      // the store adds the hash chain to the metadata, and changes nothing else
      expect(read.events[0].metadata).toEqual({
        ...events[0].metadata,
        prevHash: null,
        hash: expect.stringMatching(/^[0-9a-f]{64}$/),
      });
      expect(read.events[0].id).toBe(events[0].id);
      expect(read.events[1].position).toBe(result.position);
      expect(read.events[0].position).toBeLessThan(read.events[1].position);
    });

    it('chains every event onto the one before it, across appends of every kind, and the chain verifies', async () => {
      await store.append(s('chain'), [newEvent('A', { n: 1 }), newEvent('B', { n: 2 })], 0);
      await store.append(s('chain'), [newEvent('C', { n: 3, text: 'ü ✓', list: [1, { b: 2, a: 1 }] })], 2);
      await store.append(s('chain'), [newEvent('D'), newEvent('E')], 'any');
      const { events } = await store.readStream(s('chain'));
      expect(events.map((e) => e.version)).toEqual([1, 2, 3, 4, 5]);
      expect(events[0].metadata.prevHash).toBeNull();
      for (let k = 1; k < events.length; k++)
        expect(events[k].metadata.prevHash).toBe(events[k - 1].metadata.hash);
      for (const event of events) {
        expect(event.metadata.hash).toBe(eventHash(event, event.metadata.prevHash as string | null));
      }
      expect(new Set(events.map((e) => e.metadata.hash)).size).toBe(5);
      expect(verifyStream(events)).toBeNull();
      // a chain is per stream: another stream starts again from null
      await store.append(s('other'), [newEvent('A', { n: 1 })], 0);
      expect((await store.readStream(s('other'))).events[0].metadata.prevHash).toBeNull();
    });

    it('sets the chain itself: a hash or prevHash the caller supplies is replaced', async () => {
      const forged = newEvent('A', { n: 1 });
      forged.metadata = { ...forged.metadata, hash: 'f'.repeat(64), prevHash: 'e'.repeat(64) };
      await store.append(s('forged'), [forged], 0);
      const [stored] = (await store.readStream(s('forged'))).events;
      expect(stored.metadata.prevHash).toBeNull();
      expect(stored.metadata.hash).not.toBe('f'.repeat(64));
      expect(verifyStream([stored])).toBeNull();
    });

    it("keeps one unbroken chain under concurrent appends with 'any' and with retried versions", async () => {
      await Promise.all([
        ...Array.from({ length: 8 }, (_, i) => store.append(s('race'), [newEvent('Any', { i })], 'any')),
        ...Array.from({ length: 4 }, async (_, i) => {
          for (;;) {
            const { version } = await store.readStream(s('race'), { backwards: true, limit: 1 });
            try {
              return await store.append(s('race'), [newEvent('Versioned', { i })], version);
            } catch (error) {
              if (!(error instanceof VersionConflictError)) throw error;
            }
          }
        }),
      ]);
      const { events, version } = await store.readStream(s('race'));
      expect(version).toBe(12);
      expect(verifyStream(events)).toBeNull();
    });

    it('names the first broken link of a changed, a re-hashed and a removed event', async () => {
      await store.append(
        s('tamper'),
        [1, 2, 3, 4].map((n) => newEvent('N', { n })),
        0,
      );
      const { events } = await store.readStream(s('tamper'));
      const changed = structuredClone(events);
      changed[1].data.n = 7;
      expect(verifyStream(changed)).toMatchObject({
        stream: s('tamper'),
        revision: 2,
        reason: 'hash mismatch',
        actual: events[1].metadata.hash,
      });
      const rehashed = structuredClone(changed);
      rehashed[1].metadata.hash = eventHash(rehashed[1], rehashed[1].metadata.prevHash as string);
      expect(verifyStream(rehashed)).toMatchObject({
        revision: 3,
        reason: 'prevHash mismatch',
        expected: rehashed[1].metadata.hash,
        actual: events[1].metadata.hash,
      });
      expect(verifyStream([events[0], events[2], events[3]])).toMatchObject({
        revision: 3,
        reason: 'prevHash mismatch',
      });
    });

    it('verifies streams through the port a page at a time, one stream or all of them', async () => {
      for (let i = 0; i < 12; i++) {
        const stream = s(`v-${i % 4}`);
        const { version } = await store.readStream(stream, { backwards: true, limit: 1 });
        await store.append(stream, [newEvent('E', { i }), newEvent('F', { i })], version);
      }
      const all = await verifyStore(store, { streamPrefixes: [s('v-')], pageSize: 5 });
      expect(all).toMatchObject({ ok: true, streamsChecked: 4, eventsChecked: 24, firstBroken: null });
      const one = await verifyStore(store, { stream: s('v-2'), pageSize: 4 });
      expect(one).toMatchObject({ ok: true, streamsChecked: 1, eventsChecked: 6, firstBroken: null });
      expect(await verifyStore(store, { stream: s('v-none') })).toMatchObject({ ok: true, eventsChecked: 0 });
    });

    it('reads a missing stream as version 0 with no events', async () => {
      expect(await store.readStream(s('nothing'))).toEqual({ events: [], version: 0 });
    });

    it('appends with an expected version and rejects a stale one with the actual version', async () => {
      await store.append(s('x'), [newEvent('A')], 0);
      await store.append(s('x'), [newEvent('B')], 1);
      const stale = store.append(s('x'), [newEvent('C')], 1);
      await expect(stale).rejects.toBeInstanceOf(VersionConflictError);
      await expect(stale).rejects.toMatchObject({ stream: s('x'), expectedVersion: 1, actualVersion: 2 });
      expect((await store.readStream(s('x'))).version).toBe(2);
    });

    it('rejects expected version 0 on an existing stream and n > 0 on a missing one', async () => {
      await store.append(s('y'), [newEvent('A')], 0);
      await expect(store.append(s('y'), [newEvent('B')], 0)).rejects.toMatchObject({ actualVersion: 1 });
      await expect(store.append(s('z'), [newEvent('B')], 3)).rejects.toMatchObject({ actualVersion: 0 });
    });

    it("appends with 'any' whatever the version", async () => {
      await store.append(s('any'), [newEvent('A')], 'any');
      const result = await store.append(s('any'), [newEvent('B')], 'any');
      expect(result.version).toBe(2);
    });

    it('reads backwards, from a version, and with a limit', async () => {
      await store.append(
        s('r'),
        [1, 2, 3, 4, 5].map((n) => newEvent('N', { n })),
        0,
      );
      const versions = (events: RecordedEvent[]) => events.map((e) => e.version);
      expect(versions((await store.readStream(s('r'), { fromVersion: 3 })).events)).toEqual([3, 4, 5]);
      expect(versions((await store.readStream(s('r'), { backwards: true })).events)).toEqual([5, 4, 3, 2, 1]);
      expect(versions((await store.readStream(s('r'), { backwards: true, limit: 2 })).events)).toEqual([
        5, 4,
      ]);
      expect(versions((await store.readStream(s('r'), { backwards: true, fromVersion: 2 })).events)).toEqual([
        2, 1,
      ]);
      expect(versions((await store.readStream(s('r'), { fromVersion: 2, limit: 2 })).events)).toEqual([2, 3]);
      expect((await store.readStream(s('r'), { backwards: true, limit: 1 })).version).toBe(5);
    });

    it('serializes concurrent appends to one stream: exactly one wins each expected version', async () => {
      await store.append(s('c'), [newEvent('A')], 0);
      const attempts = await Promise.allSettled(
        Array.from({ length: 10 }, (_, i) => store.append(s('c'), [newEvent('B', { i })], 1)),
      );
      expect(attempts.filter((a) => a.status === 'fulfilled')).toHaveLength(1);
      const failures = attempts.filter((a): a is PromiseRejectedResult => a.status === 'rejected');
      expect(failures).toHaveLength(9);
      for (const failure of failures) expect(failure.reason).toBeInstanceOf(VersionConflictError);
      expect((await store.readStream(s('c'))).version).toBe(2);
    });

    it('keeps every concurrent append with retries: none lost', async () => {
      const writer = async (i: number) => {
        for (;;) {
          const { version } = await store.readStream(s('retry'), { backwards: true, limit: 1 });
          try {
            return await store.append(s('retry'), [newEvent('W', { i })], version);
          } catch (error) {
            if (!(error instanceof VersionConflictError)) throw error;
          }
        }
      };
      await Promise.all(Array.from({ length: 20 }, (_, i) => writer(i)));
      const read = await store.readStream(s('retry'));
      expect(read.version).toBe(20);
      expect(new Set(read.events.map((e) => e.data.i)).size).toBe(20);
    });

    it('appends 1000 events in one call', async () => {
      const events = Array.from({ length: 1000 }, (_, n) => newEvent('Bulk', { n }));
      const result = await store.append(s('bulk'), events, 0);
      expect(result.version).toBe(1000);
      const read = await store.readStream(s('bulk'));
      expect(read.events.map((e) => e.data.n)).toEqual(events.map((_, n) => n));
    });

    it('reads $all in global append order across many streams, after a position, with a limit and filter', async () => {
      const start = await store.headPosition();
      const order: string[] = [];
      for (let i = 0; i < 30; i++) {
        const stream = s(`${i % 2 ? 'lead' : 'deal'}-${i % 7}`);
        const { version } = await store.readStream(stream, { backwards: true, limit: 1 });
        await store.append(stream, [newEvent('E', { i })], version);
        order.push(`${stream}:${i}`);
      }
      const all = await store.readAll(start, 1000, { streamPrefixes: [s('')] });
      expect(all.map((e) => `${e.stream}:${e.data.i}`)).toEqual(order);
      for (let k = 1; k < all.length; k++) expect(all[k].position).toBeGreaterThan(all[k - 1].position);

      const page = await store.readAll(all[9].position, 5, { streamPrefixes: [s('')] });
      expect(page.map((e) => e.data.i)).toEqual([10, 11, 12, 13, 14]);

      const deals = await store.readAll(start, 1000, { streamPrefixes: [s('deal-')] });
      expect(deals.map((e) => e.data.i)).toEqual(order.map((_, i) => i).filter((i) => i % 2 === 0));
      expect(await store.headPosition()).toBe(all[all.length - 1].position);
    });

    it('reads the facts of the same events as readAll, with the same paging and filters', async () => {
      const start = await store.headPosition();
      for (let i = 0; i < 12; i++)
        await store.append(s(`${i % 3 ? 'lead' : 'deal'}-f${i}`), [newEvent('F', { i })], 0);
      const facts = (events: RecordedEvent[]) =>
        events.map(({ type, stream, position, data, metadata }) => ({
          type,
          stream,
          position,
          data,
          recordedAt: metadata.recordedAt,
        }));
      for (const filter of [undefined, { streamPrefixes: [s('')] }, { streamPrefixes: [s('deal-')] }]) {
        const all = await store.readAll(start, 1000, filter);
        expect(await store.readFacts(start, 1000, filter)).toEqual(facts(all));
        expect(await store.readFacts(all[2].position, 3, filter)).toEqual(facts(all.slice(3, 6)));
      }
      expect(await store.readFacts(start, 1000, { streamPrefixes: [] })).toEqual([]);
    });

    it('subscribes from the middle of history, catches up, then receives live events in order', async () => {
      for (let i = 0; i < 10; i++) await store.append(s(`deal-${i}`), [newEvent('E', { i })], 0);
      const history = await store.readAll(null, 100000, { streamPrefixes: [s('deal-')] });
      const from = history[4].position;
      const abort = new AbortController();
      const received = take(store.subscribe(from, { streamPrefixes: [s('deal-')] }, abort.signal), 10);
      await new Promise((resolve) => setTimeout(resolve, 50));
      await store.append(s('lead-x'), [newEvent('Ignored')], 0);
      for (let i = 10; i < 15; i++) await store.append(s(`deal-${i}`), [newEvent('E', { i })], 0);
      const events = await withTimeout(received, 10000, 'subscription');
      abort.abort();
      expect(events.map((e) => e.data.i)).toEqual([5, 6, 7, 8, 9, 10, 11, 12, 13, 14]);
    });

    it('stops a subscription when its signal aborts', async () => {
      const abort = new AbortController();
      const head = await store.headPosition();
      const iterator = store
        .subscribe(head, { streamPrefixes: [s('')] }, abort.signal)
        [Symbol.asyncIterator]();
      const next = iterator.next();
      abort.abort();
      const result = await withTimeout(next, 5000, 'abort');
      expect(result.done).toBe(true);
    });

    it('resumes a subscription from the last position it saw with no loss and no duplicates', async () => {
      const filter = { streamPrefixes: [s('deal-')] };
      const head = await store.headPosition();
      for (let i = 0; i < 20; i++) await store.append(s(`deal-${i}`), [newEvent('E', { i })], 0);
      const first = new AbortController();
      const part1 = await withTimeout(
        take(store.subscribe(head, filter, first.signal), 7),
        10000,
        'first part',
      );
      first.abort();
      for (let i = 20; i < 25; i++) await store.append(s(`deal-${i}`), [newEvent('E', { i })], 0);
      const second = new AbortController();
      const part2 = await withTimeout(
        take(store.subscribe(part1[6].position, filter, second.signal), 18),
        10000,
        'resume',
      );
      second.abort();
      expect([...part1, ...part2].map((e) => e.data.i)).toEqual(Array.from({ length: 25 }, (_, i) => i));
    });
  });
}
