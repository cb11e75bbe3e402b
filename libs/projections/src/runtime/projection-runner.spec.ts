import { afterEach, describe, expect, it } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import { MemoryEventStore, type NewEvent } from '@sales/event-store';
import { MemoryReadStore, type ReadStore, type Write } from '@sales/read-store';
import type { Projection } from './projection.js';
import { ProjectionEngine } from './projection-engine.js';

const event = (type: string, data: Record<string, unknown>): NewEvent => ({
  id: randomUUID(),
  type,
  data,
  metadata: {
    recordedAt: '2026-01-01T00:00:00.000Z',
    commandId: 'c',
    correlationId: 'c',
    causationId: 'c',
    actorId: null,
    principal: 'test',
    schemaVersion: 1,
  },
});

// Counts per key; a doc's state is its own previous state plus the event.
const counter = (version: number, failOn?: number): Projection => ({
  name: 'counter',
  version,
  eventTypes: ['Tick'],
  streamPrefixes: ['tick-'],
  collections: ['counts'],
  indexes: [{ collection: 'counts', fields: ['n'] }],
  keys: (e) => [{ collection: 'counts', id: String(e.data.key) }],
  evolve: (e, docs) => {
    if (e.data.n === failOn) throw new Error('poison');
    const doc = docs('counts', String(e.data.key)) as { n: number; sum: number } | null;
    return [
      {
        op: 'put',
        collection: 'counts',
        id: String(e.data.key),
        doc: { n: (doc?.n ?? 0) + 1, sum: (doc?.sum ?? 0) + (e.data.n as number) },
      },
    ];
  },
});

async function until(check: () => Promise<boolean> | boolean, ms = 5000) {
  const deadline = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('condition not reached');
    await new Promise((r) => setTimeout(r, 10));
  }
}

async function ticks(store: MemoryEventStore, from: number, to: number) {
  for (let n = from; n < to; n++)
    await store.append(`tick-${n % 7}`, [event('Tick', { key: n % 3, n })], 'any');
}

describe('projection engine', () => {
  let engine: ProjectionEngine | null = null;
  afterEach(async () => {
    await engine?.stop();
    engine = null;
  });

  it('catches up, goes live, and serves read-your-writes through waitFor', async () => {
    const events = new MemoryEventStore();
    const reads = new MemoryReadStore();
    await ticks(events, 0, 30);
    engine = new ProjectionEngine([counter(1)], events, reads);
    await engine.start();
    const { position } = await events.append('tick-x', [event('Tick', { key: 0, n: 100 })], 'any');
    expect(await engine.waitFor(position, ['counter'], 5000)).toBe(true);
    const ref = engine.serving('counter')!;
    const docs = await reads.find(ref, 'counts', { orderBy: [{ field: 'n', direction: 'asc' }] });
    expect(docs.map((d) => [d._id, d.n])).toEqual([
      ['1', 10],
      ['2', 10],
      ['0', 11],
    ]);
    expect((await reads.get(ref, 'counts', '0'))!.sum).toBe(
      [0, 3, 6, 9, 12, 15, 18, 21, 24, 27].reduce((a, b) => a + b) + 100,
    );
    const [info] = await engine.list();
    expect(info).toMatchObject({ name: 'counter', status: 'live', lag: 0, position, lastError: null });
  });

  it('replaying events a crash left uncheckpointed changes nothing', async () => {
    const events = new MemoryEventStore();
    const reads = new MemoryReadStore();
    await ticks(events, 0, 20);
    // A crash after the documents were written but before the checkpoint: simulate by committing
    // documents with a stale checkpoint, then start the engine as after a restart.
    const lossy: ReadStore = Object.create(reads);
    lossy.commit = async (ref, writes: Write[], checkpoint) =>
      reads.commit(ref, writes, checkpoint > 10 ? 10 : checkpoint);
    const first = new ProjectionEngine([counter(1)], events, lossy);
    await first.start();
    await until(async () => (await first.list())[0].position === 20);
    await first.stop();
    engine = new ProjectionEngine([counter(1)], events, reads);
    await engine.start();
    expect(await engine.waitFor(20, ['counter'], 5000)).toBe(true);
    const docs = await reads.find(engine.serving('counter')!, 'counts');
    expect(docs.reduce((sum, d) => sum + (d.n as number), 0)).toBe(20);
  });

  it('rebuilds beside the serving generation and swaps only once caught up', async () => {
    const events = new MemoryEventStore();
    const reads = new MemoryReadStore();
    await ticks(events, 0, 50);
    engine = new ProjectionEngine([counter(1)], events, reads);
    await engine.start();
    await engine.waitFor(50, ['counter'], 5000);
    const before = engine.serving('counter')!;
    await engine.rebuild('counter');
    await ticks(events, 50, 60);
    await until(() => engine!.serving('counter')!.generation !== before.generation);
    expect(await engine.waitFor(60, ['counter'], 5000)).toBe(true);
    const after = engine.serving('counter')!;
    const docs = await reads.find(after, 'counts');
    expect(docs.reduce((sum, d) => sum + (d.n as number), 0)).toBe(60);
    expect((await reads.projections()).find((p) => p.projection === 'counter')?.activeGeneration).toBe(
      after.generation,
    );
    await expect(reads.find(before, 'counts')).rejects.toMatchObject({ code: 'GENERATION_GONE' });
  });

  it('a rebuild after more events arrived sees them all (no stale page of the first catch-up)', async () => {
    const events = new MemoryEventStore();
    const reads = new MemoryReadStore();
    await ticks(events, 0, 3);
    engine = new ProjectionEngine([counter(1)], events, reads);
    await engine.start();
    await engine.waitFor(3, ['counter'], 5000);
    await ticks(events, 3, 12);
    await engine.waitFor(12, ['counter'], 5000);
    const before = engine.serving('counter')!.generation;
    await engine.rebuild('counter');
    await until(() => engine!.serving('counter')!.generation !== before);
    const docs = await reads.find(engine.serving('counter')!, 'counts');
    expect(docs.reduce((sum, d) => sum + (d.n as number), 0)).toBe(12);
  });

  it('rebuilds on start when the code version changed', async () => {
    const events = new MemoryEventStore();
    const reads = new MemoryReadStore();
    await ticks(events, 0, 10);
    const v1 = new ProjectionEngine([counter(1)], events, reads);
    await v1.start();
    await v1.waitFor(10, ['counter'], 5000);
    const generation = v1.serving('counter')!.generation;
    await v1.stop();
    engine = new ProjectionEngine([counter(2)], events, reads);
    await engine.start();
    await until(() => engine!.serving('counter')!.generation === generation + 1);
    expect((await engine.list())[0]).toMatchObject({ version: 2, status: 'live' });
  });

  it('stops a projection on a poison event with lastError, and keeps the others going', async () => {
    const events = new MemoryEventStore();
    const reads = new MemoryReadStore();
    await ticks(events, 0, 10);
    const healthy: Projection = { ...counter(1), name: 'healthy' };
    engine = new ProjectionEngine([counter(1, 5), healthy], events, reads);
    await engine.start();
    await until(async () => (await engine!.info('counter')).status === 'failed');
    const info = await engine.info('counter');
    expect(info.lastError).toContain('Tick at position 6');
    expect(await engine.waitFor(10, ['healthy'], 5000)).toBe(true);
  });
});
