import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { EventStoreDBClient, jsonEvent } from '@eventstore/db-client';
import { randomUUID } from 'node:crypto';
import { EsdbDouble, RunningDouble } from '../../../../test/esdb-double/esdb-double.js';
import { eventStoreContract, newEvent } from '../event-store.contract.js';
import { EventStoreUnavailableError, VersionConflictError } from '../event-store.port.js';
import { EsdbEventStore } from './esdb-event-store.js';

const double = new EsdbDouble();
let running: RunningDouble;

beforeAll(async () => {
  running = await double.start();
});
afterAll(async () => {
  await running.stop();
});

const open = (url: () => string) => async () => {
  const store = new EsdbEventStore(url());
  return { store, dispose: () => store.close() };
};

eventStoreContract(
  'esdb (protocol double)',
  open(() => running.url),
);

const realServer = process.env.EVENTSTORE_URL;
if (realServer) {
  describe('a real EventStoreDB at EVENTSTORE_URL', () => {
    eventStoreContract(
      'esdb (real server)',
      open(() => realServer),
    );
  });
}

describe('EsdbEventStore on the protocol double', () => {
  const unique = () => `t${randomUUID().replace(/-/g, '').slice(0, 12)}`;
  const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

  it('resumes a dropped subscription from the last position it delivered: none lost, none repeated', async () => {
    const retry = { initialDelayMs: 10, maxDelayMs: 100, maxAttempts: 5 };
    const subscriber = new EsdbEventStore(running.url, { retry });
    const writer = new EsdbEventStore(running.url);
    const prefix = unique();
    const write = (i: number) => writer.append(`${prefix}deal-${i}`, [newEvent('E', { i })], 0);
    try {
      const start = await writer.headPosition();
      const total = 60;
      for (let i = 0; i < 10; i++) await write(i);
      // The rest arrives while the subscription catches up, is dropped and resumes.
      const writing = (async () => {
        for (let i = 10; i < total; i++) {
          await write(i);
          if (i % 3 === 0) await sleep(2);
        }
      })();
      const abort = new AbortController();
      const timeout = setTimeout(() => abort.abort(), 10_000);
      const seen: number[] = [];
      const positions: number[] = [];
      let drops = 0;
      for await (const event of subscriber.subscribe(
        start,
        { streamPrefixes: [`${prefix}deal-`] },
        abort.signal,
      )) {
        seen.push(event.data.i as number);
        positions.push(event.position);
        // once mid catch-up, twice more while the writer keeps appending
        if (seen.length === 4 || seen.length === 25 || seen.length === 45)
          drops += double.dropSubscriptions();
        if (seen.length === total) break;
      }
      clearTimeout(timeout);
      await writing;
      // leaving the loop cancelled the call on the server, before the store was closed
      await sleep(50);
      expect(double.openSubscriptions).toBe(0);
      expect(drops).toBe(3);
      expect(seen).toEqual(Array.from({ length: total }, (_, i) => i));
      for (let k = 1; k < positions.length; k++) expect(positions[k]).toBeGreaterThan(positions[k - 1]);
    } finally {
      await subscriber.close();
      await writer.close();
    }
  }, 15_000);

  it("maps the client's WrongExpectedVersionError to VersionConflictError in port versions", async () => {
    const store = new EsdbEventStore(running.url);
    const stream = `${unique()}deal-1`;
    try {
      await store.append(stream, [newEvent('A'), newEvent('B'), newEvent('C')], 0);
      const conflicts = [
        [store.append(stream, [newEvent('D')], 1), { expectedVersion: 1, actualVersion: 3 }],
        [store.append(stream, [newEvent('D')], 0), { expectedVersion: 0, actualVersion: 3 }],
        [store.append(`${stream}-missing`, [newEvent('D')], 2), { expectedVersion: 2, actualVersion: 0 }],
      ] as const;
      for (const [attempt, versions] of conflicts) {
        const error = await attempt.catch((e: unknown) => e);
        expect(error).toBeInstanceOf(VersionConflictError);
        expect(error).toMatchObject(versions);
      }
      expect(await store.append(stream, [newEvent('D')], 3)).toMatchObject({ version: 4 });
    } finally {
      await store.close();
    }
  });

  it('maps an unreachable server to EventStoreUnavailableError, and a subscription gives up after its retries', async () => {
    const retry = { initialDelayMs: 1, maxDelayMs: 5, maxAttempts: 2 };
    const store = new EsdbEventStore('esdb://127.0.0.1:1?tls=false', { retry });
    try {
      await expect(store.readStream('deal-1')).rejects.toBeInstanceOf(EventStoreUnavailableError);
      await expect(store.append('deal-1', [newEvent('A')], 0)).rejects.toBeInstanceOf(
        EventStoreUnavailableError,
      );
      const subscription = store.subscribe(null, { streamPrefixes: ['deal-'] }, new AbortController().signal);
      await expect(subscription[Symbol.asyncIterator]().next()).rejects.toBeInstanceOf(
        EventStoreUnavailableError,
      );
    } finally {
      await store.close();
    }
  });

  it('numbers positions by commit position and steps over system streams', async () => {
    const store = new EsdbEventStore(running.url);
    const raw = EventStoreDBClient.connectionString(running.url);
    const prefix = unique();
    try {
      const start = await store.headPosition();
      const { position } = await store.append(`${prefix}lead-1`, [newEvent('A')], 0);
      await raw.appendToStream(`$stats-${prefix}`, jsonEvent({ type: '$statsCollected', data: {} }));
      expect(position).toBe(Number(double.log.readAll('end', true, 2)[1].position));
      expect(await store.headPosition()).toBe(position);
      const all = await store.readAll(start, 100, { streamPrefixes: [''] });
      expect(all.map((e) => e.stream)).toEqual([`${prefix}lead-1`]);
    } finally {
      await raw.dispose();
      await store.close();
    }
  });
});
