import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { type ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { EsdbEventStore, type EventStore, SqliteEventStore } from '@sales/event-store';
import { ALL_PROJECTIONS, ProjectionEngine, storedCollections } from '@sales/projections';
import {
  type Doc,
  MemoryReadStore,
  MongoReadStore,
  type ReadStore,
  SqliteReadStore,
} from '@sales/read-store';
import { startFerretDb } from '../ferretdb/ferretdb-server.js';
import { appendHistory, type HistoryAppend, salesHistory } from '@sales/testing';
import { tempDataDir } from './support/store-targets.js';

// Two projector workers (the built ones) on the same stores: one data directory (SQLite), or the
// EventStoreDB protocol double and FerretDB (server mode, MONGODB_URL). The first is frozen with SIGSTOP
// until its leases pass to the second, then thawed with SIGCONT: its writes are refused, it steps
// down and lives on, and the read models equal a clean rebuild's, document for document.
const root = new URL('../..', import.meta.url).pathname;
const names = ALL_PROJECTIONS.map((p) => p.name);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

type Worker = { child: ChildProcess; output: () => string };

async function until(what: string, check: () => Promise<boolean> | boolean, ms = 45_000) {
  const deadline = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`not reached within ${ms} ms: ${what}`);
    if (process.env.FENCING_TRACE) process.stderr.write(`${new Date().toISOString()} waiting: ${what}\n`);
    await sleep(100);
  }
}

async function dump(store: ReadStore): Promise<Record<string, Doc[]>> {
  const records = await store.projections();
  const out: Record<string, Doc[]> = {};
  for (const projection of ALL_PROJECTIONS) {
    const generation = records.find((r) => r.projection === projection.name)!.activeGeneration!;
    for (const collection of storedCollections(projection))
      out[`${projection.name}/${collection}`] = await store.find(
        { projection: projection.name, generation },
        collection,
      );
  }
  return out;
}

type Stores = {
  events: EventStore;
  reads: ReadStore;
  env: Record<string, string>;
  stop: () => Promise<void>;
};

const embedded = async (dir: string): Promise<Stores> => {
  const events = new SqliteEventStore(join(dir, 'events.db'));
  const reads = new SqliteReadStore(join(dir, 'read-models.db'));
  const stop = async () => {
    await reads.close();
    await events.close();
  };
  return { events, reads, env: { EVENTSTORE_URL: '', MONGODB_URL: '' }, stop };
};

const servers = async (): Promise<Stores> => {
  const { EsdbDouble } = await import('../esdb-double/esdb-double.js');
  const esdb = await new EsdbDouble().start();
  const ferret = await startFerretDb();
  const db = `fencing_${randomUUID().slice(0, 8)}`;
  const events = new EsdbEventStore(esdb.url);
  const reads = await MongoReadStore.connect(ferret.url, db);
  const stop = async () => {
    await reads.close();
    await events.close();
    await ferret.stop();
    await esdb.stop();
  };
  return { events, reads, env: { EVENTSTORE_URL: esdb.url, MONGODB_URL: ferret.url, MONGODB_DB: db }, stop };
};

describe.each([
  ['embedded (SQLite, one data directory)', embedded],
  ['EventStoreDB double + FerretDB', servers],
])('a projector worker frozen past its leases: %s', (_, open) => {
  const data = tempDataDir();
  const workers: Worker[] = [];
  let stores: Stores;
  let events: EventStore;
  let reads: ReadStore;
  let parts: HistoryAppend[][];

  const start = (): Worker => {
    const child = spawn(process.execPath, [join(root, 'dist/apps/projector/src/main.js')], {
      env: { ...process.env, SALES_DATA_DIR: data.dir, ...stores.env },
    });
    let output = '';
    child.stdout!.on('data', (chunk) => (output += chunk));
    child.stderr!.on('data', (chunk) => (output += chunk));
    const worker = { child, output: () => output };
    workers.push(worker);
    return worker;
  };
  const owners = async () => (await reads.leases()).filter((l) => l.live).map((l) => l.owner);
  const ownerOf = (worker: Worker) => /projector (\S+) running/.exec(worker.output())?.[1];
  const caughtUp = async () => {
    const head = (await events.headPosition()) ?? 0;
    const records = await reads.projections();
    for (const name of names) {
      const generation = records.find((r) => r.projection === name)?.activeGeneration;
      if (generation == null || ((await reads.checkpoint({ projection: name, generation })) ?? -1) < head)
        return false;
    }
    return true;
  };

  beforeAll(async () => {
    stores = await open(data.dir);
    ({ events, reads } = stores);
    const history = salesHistory({ deals: 120, seed: 7 });
    const third = Math.ceil(history.length / 3);
    parts = [history.slice(0, third), history.slice(third, 2 * third), history.slice(2 * third)];
    await appendHistory(events, parts[0]);
  }, 60_000);
  afterAll(async () => {
    for (const { child } of workers) {
      child.kill('SIGCONT');
      child.kill('SIGKILL');
    }
    await stores?.stop();
    data.remove();
  });

  it('refuses its writes once thawed; it steps down, and the read models equal a clean rebuild', async () => {
    const first = start();
    await until('the first worker holds every lease and has caught up', async () => {
      const held = await owners();
      return held.length === names.length && held.every((o) => o === ownerOf(first)) && (await caughtUp());
    });
    first.child.kill('SIGSTOP');
    await appendHistory(events, parts[1]);

    const second = start();
    const frozenAt = Date.now();
    await until('the second worker takes every lease over', async () => {
      const held = await owners();
      return held.length === names.length && held.every((o) => o === ownerOf(second));
    });
    // Leases last 10 s unrenewed, and are tried for every 3 s.
    const takeover = Date.now() - frozenAt;
    if (process.env.FENCING_TRACE) process.stderr.write(`takeover after ${takeover} ms\n`);
    expect(takeover).toBeLessThan(15_000);
    await until('the second worker catches up', caughtUp);

    await appendHistory(events, parts[2]);
    first.child.kill('SIGCONT');
    await until(
      'the thawed worker steps down from every projection',
      () => names.every((name) => first.output().includes(`${name}: stepped down`)),
      10_000,
    );
    expect(first.output()).toMatch(
      /stepped down, (a write was refused|a registry write was refused|its lease passed to another process)/,
    );
    expect(first.child.exitCode).toBeNull();
    await until('the second worker catches up again', caughtUp).catch((error) => {
      throw new Error(`${error}\n--- first:\n${first.output()}\n--- second:\n${second.output()}`);
    });
    await sleep(500);
    expect((await reads.leases()).every((l) => l.owner === ownerOf(second) && l.live)).toBe(true);

    const survived = await dump(reads);
    // The same engine from scratch, versions and all, into memory.
    const clean = new MemoryReadStore();
    const engine = new ProjectionEngine(ALL_PROJECTIONS, events, clean);
    await engine.start();
    const rebuiltAll = await engine.waitFor((await events.headPosition()) ?? 0, names, 60_000);
    await engine.stop();
    expect(rebuiltAll).toBe(true);
    const rebuilt = await dump(clean);
    for (const key of Object.keys(rebuilt)) {
      expect({ key, count: survived[key].length }).toEqual({ key, count: rebuilt[key].length });
      expect(survived[key]).toEqual(rebuilt[key]);
    }
  }, 120_000);
});
