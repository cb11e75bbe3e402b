import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { type ChildProcess, spawn } from 'node:child_process';
import { copyFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { SqliteEventStore } from '@sales/event-store';
import { ALL_PROJECTIONS, ProjectionEngine } from '@sales/projections';
import { type Doc, type ReadStore, SqliteReadStore } from '@sales/read-store';
import { appendHistory, salesHistory } from '@sales/testing';
import { tempDataDir } from './support/store-targets.js';

// The projector worker (the built one, as deployed) is killed with SIGKILL again and again while
// it catches up on a large history; the read models it ends with must equal a clean rebuild's.
const EVENTS = Number(process.env.CRASH_TEST_EVENTS ?? 200_000);
const KILLS = 8;
const root = new URL('../..', import.meta.url).pathname;

async function dump(store: ReadStore): Promise<Record<string, Doc[]>> {
  const records = await store.projections();
  const out: Record<string, Doc[]> = {};
  for (const projection of ALL_PROJECTIONS) {
    const generation = records.find((r) => r.projection === projection.name)?.activeGeneration;
    if (generation == null) throw new Error(`${projection.name} has no serving generation`);
    for (const collection of projection.collections) {
      out[`${projection.name}/${collection}`] = await store.find(
        { projection: projection.name, generation },
        collection,
      );
    }
  }
  return out;
}

async function positions(store: ReadStore): Promise<number[]> {
  const records = await store.projections();
  return Promise.all(
    ALL_PROJECTIONS.map(async (p) => {
      const generation = records.find((r) => r.projection === p.name)?.activeGeneration;
      return generation == null ? -1 : ((await store.checkpoint({ projection: p.name, generation })) ?? -1);
    }),
  );
}

describe('projector killed during catch-up', () => {
  const data = tempDataDir();
  let head = 0;
  let children: ChildProcess[] = [];

  beforeAll(async () => {
    const store = new SqliteEventStore(join(data.dir, 'events.db'));
    await appendHistory(store, salesHistory({ deals: Math.round(EVENTS / 7), seed: 42 }));
    head = (await store.headPosition()) ?? 0;
    await store.close();
  }, 300_000);
  afterAll(() => {
    for (const child of children) child.kill('SIGKILL');
    data.remove();
  });

  const startProjector = () => {
    const child = spawn(process.execPath, [join(root, 'dist/apps/projector/src/main.js')], {
      env: { ...process.env, SALES_DATA_DIR: data.dir, EVENTSTORE_URL: '', MONGODB_URL: '' },
      stdio: 'ignore',
    });
    children.push(child);
    return child;
  };

  it(`ends with the read models of a clean rebuild (${KILLS} SIGKILLs)`, async () => {
    expect(head).toBeGreaterThan(EVENTS * 0.8);
    for (let kill = 0; kill < KILLS; kill++) {
      const child = startProjector();
      await new Promise((resolve) => setTimeout(resolve, 400 + Math.random() * 1200));
      child.kill('SIGKILL');
      await new Promise((resolve) => child.once('exit', resolve));
    }
    const last = startProjector();
    const reads = new SqliteReadStore(join(data.dir, 'read-models.db'));
    const deadline = Date.now() + 240_000;
    while ((await positions(reads)).some((p) => p < head)) {
      if (Date.now() > deadline)
        throw new Error(`projector did not catch up: ${await positions(reads)} < ${head}`);
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
    last.kill('SIGTERM');
    await new Promise((resolve) => last.once('exit', resolve));
    children = [];
    const survived = await dump(reads);
    await reads.close();

    const clean = join(data.dir, 'clean');
    mkdirSync(clean);
    copyFileSync(join(data.dir, 'events.db'), join(clean, 'events.db'));
    const events = new SqliteEventStore(join(clean, 'events.db'));
    const cleanReads = new SqliteReadStore(join(clean, 'read-models.db'));
    const engine = new ProjectionEngine(ALL_PROJECTIONS, events, cleanReads);
    await engine.start();
    expect(
      await engine.waitFor(
        head,
        ALL_PROJECTIONS.map((p) => p.name),
        240_000,
      ),
    ).toBe(true);
    await engine.stop();
    const rebuilt = await dump(cleanReads);
    await cleanReads.close();
    await events.close();

    expect(Object.keys(survived)).toEqual(Object.keys(rebuilt));
    for (const key of Object.keys(rebuilt)) {
      expect({ key, count: survived[key].length }).toEqual({ key, count: rebuilt[key].length });
      expect(survived[key]).toEqual(rebuilt[key]);
    }
  }, 600_000);
});
