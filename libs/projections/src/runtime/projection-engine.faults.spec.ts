import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import { MemoryEventStore } from '@sales/event-store';
import { MemoryReadStore, type ReadStore } from '@sales/read-store';
import { counted, counter, flaky, ticks, until } from './engine-test-kit.js';
import { ProjectionEngine } from './projection-engine.js';

// The read store failing at each place the runtime touches it from a timer or a loop: the process
// must live on (no unhandled rejection), say what failed in lastError, and recover by itself.
describe('projection engine with a read store that fails for a while', () => {
  const unhandled: unknown[] = [];
  const record = (reason: unknown) => unhandled.push(reason);
  let engine: ProjectionEngine | null = null;
  beforeAll(() => {
    process.on('unhandledRejection', record);
  });
  afterAll(() => {
    process.off('unhandledRejection', record);
  });
  afterEach(async () => {
    await engine?.stop();
    engine = null;
    // Rejections are reported on a later turn: give them one.
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(unhandled).toEqual([]);
  });

  const run = async (methods: (keyof ReadStore)[], downAtStart: boolean) => {
    const events = new MemoryEventStore();
    const reads = new MemoryReadStore();
    await ticks(events, 0, 10);
    const store = flaky(reads, methods);
    store.down = downAtStart;
    engine = new ProjectionEngine([counter], events, store.store, {
      leaseTtlMs: 2000,
      renewEveryMs: 50,
      log: () => undefined,
    });
    await engine.start();
    return { events, reads, store, engine };
  };

  it('publishing the status (the registry read and write every second)', async () => {
    const { events, reads, store, engine } = await run(['projections', 'updateMeta'], false);
    await engine.waitFor(10, ['counter'], 5000);
    store.down = true;
    await until(async () => (await engine.info('counter')).lastError?.includes('unreachable') ?? false, 3000);
    store.down = false;
    await ticks(events, 10, 15);
    await until(async () => (await engine.info('counter')).lastError === null, 3000);
    expect(await engine.waitFor(15, ['counter'], 5000)).toBe(true);
    expect(await counted(reads)).toBe(15);
  });

  it('starting a generation (ensureGeneration before the first page)', async () => {
    const { reads, store, engine } = await run(['ensureGeneration'], true);
    expect(engine.held()).toEqual(['counter']);
    await until(async () => (await engine.info('counter')).lastError?.includes('ensureGeneration') ?? false);
    store.down = false;
    expect(await engine.waitFor(10, ['counter'], 5000)).toBe(true);
    expect(await counted(reads)).toBe(10);
  });

  it('taking the lease and starting the runner (the registry read and the activation)', async () => {
    const { reads, store, engine } = await run(['projections', 'activate'], true);
    expect(engine.held()).toEqual([]);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(engine.held()).toEqual([]);
    store.down = false;
    await until(() => engine.held().length === 1);
    expect(await engine.waitFor(10, ['counter'], 5000)).toBe(true);
    expect(await counted(reads)).toBe(10);
  });

  it('renewing the lease, and the commits of the loop', async () => {
    const { events, reads, store, engine } = await run(['renewLease', 'commit', 'acquireLease'], false);
    await engine.waitFor(10, ['counter'], 5000);
    store.down = true;
    await ticks(events, 10, 20);
    // Unable to renew for longer than its ttl, the runner stops rather than write blind.
    await until(() => engine.held().length === 0, 5000);
    store.down = false;
    await until(() => engine.held().length === 1, 5000);
    expect(await engine.waitFor(20, ['counter'], 5000)).toBe(true);
    expect(await counted(reads)).toBe(20);
  });
});
