import { afterEach, describe, expect, it } from '@jest/globals';
import { MemoryEventStore } from '@sales/event-store';
import { MemoryReadStore } from '@sales/read-store';
import { counted, counter, ticks, until } from './engine-test-kit.js';
import { ProjectionEngine } from './projection-engine.js';

const fast = { leaseTtlMs: 300, renewEveryMs: 50, log: () => undefined };

describe('projection engines sharing one store under leases', () => {
  const engines: ProjectionEngine[] = [];
  const engine = (events: MemoryEventStore, reads: MemoryReadStore, options = {}) => {
    const created = new ProjectionEngine([counter], events, reads, { ...fast, ...options });
    engines.push(created);
    return created;
  };
  afterEach(async () => {
    await Promise.all(engines.splice(0).map((e) => e.stop()));
  });

  it('runs a projection in one engine only; the other answers from the registry and takes over at once on stop', async () => {
    const [events, reads] = [new MemoryEventStore(), new MemoryReadStore()];
    await ticks(events, 0, 20);
    const a = engine(events, reads);
    const b = engine(events, reads);
    await a.start();
    await b.start();
    expect([a.held(), b.held()]).toEqual([['counter'], []]);
    expect(await b.waitFor(20, ['counter'], 5000)).toBe(true);
    await until(async () => (await b.info('counter')).status === 'live', 3000);
    expect((await b.info('counter')).lastError).toBeNull();

    await a.stop();
    const [lease] = await reads.leases();
    expect(lease).toMatchObject({ owner: null, live: false });
    await until(() => b.held().length === 1, 1000);
    await ticks(events, 20, 30);
    expect(await b.waitFor(30, ['counter'], 5000)).toBe(true);
    expect(await counted(reads)).toBe(30);
  });

  it('takes over from an engine that stopped renewing, whose next write is refused: it steps down', async () => {
    const [events, reads] = [new MemoryEventStore(), new MemoryReadStore()];
    await ticks(events, 0, 10);
    const lines: string[] = [];
    // Never renews: as a process frozen (SIGSTOP, a long GC pause) past its lease.
    const frozen = engine(events, reads, {
      renewEveryMs: 3_600_000,
      log: (line: string) => lines.push(line),
    });
    await frozen.start();
    await frozen.waitFor(10, ['counter'], 5000);
    const standby = engine(events, reads);
    await standby.start();
    await until(() => standby.held().length === 1, 2000);
    const [lease] = await reads.leases();
    expect(lease).toMatchObject({ owner: standby.owner, token: 2, live: true });

    await ticks(events, 10, 25);
    await until(() => frozen.held().length === 0);
    expect(lines.join('\n')).toMatch(/counter: stepped down, a write was refused .*token 1/);
    expect(await standby.waitFor(25, ['counter'], 5000)).toBe(true);
    expect(await counted(reads)).toBe(25);
  });

  it('lets only the holder carry out a rebuild asked for through the registry', async () => {
    const [events, reads] = [new MemoryEventStore(), new MemoryReadStore()];
    await ticks(events, 0, 10);
    const holder = engine(events, reads);
    const standby = engine(events, reads);
    await holder.start();
    await standby.start();
    await holder.waitFor(10, ['counter'], 5000);
    const before = holder.serving('counter')!.generation;
    await standby.rebuild('counter');
    expect(standby.serving('counter')).toBeNull();
    await until(() => holder.serving('counter')?.generation === before + 1);
    expect((await standby.servingRef('counter', true))?.generation).toBe(before + 1);
    expect(await counted(reads)).toBe(10);
  });

  it('says a projection nobody holds is failed, naming the missing lease', async () => {
    const [events, reads] = [new MemoryEventStore(), new MemoryReadStore()];
    await ticks(events, 0, 5);
    const only = engine(events, reads);
    await only.start();
    await only.stop();
    const watcher = new ProjectionEngine([counter], events, reads, { ...fast, renewEveryMs: 3_600_000 });
    // Not started: it holds nothing and looks at the registry only.
    expect(await watcher.info('counter')).toMatchObject({
      status: 'failed',
      lastError: expect.stringContaining('no projector holds the lease of counter'),
    });
  });
});
