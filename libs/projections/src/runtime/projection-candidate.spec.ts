import { afterEach, describe, expect, it } from '@jest/globals';
import { MemoryEventStore } from '@sales/event-store';
import { GenerationGoneError, MemoryReadStore, type ReadStore } from '@sales/read-store';
import { counted, counter, ticks, until } from './engine-test-kit.js';
import type { Projection } from './projection.js';
import { ProjectionEngine } from './projection-engine.js';

const fast = { leaseTtlMs: 300, renewEveryMs: 50, log: () => undefined };

// The counter with a new version whose code counts every tick twice.
const doubled: Projection = {
  ...counter,
  version: 2,
  evolve: (e, docs) => {
    const doc = docs('counts', String(e.data.key)) as { n: number } | null;
    return [{ op: 'put', collection: 'counts', id: String(e.data.key), doc: { n: (doc?.n ?? 0) + 2 } }];
  },
};

const sum = async (reads: ReadStore, generation: number) =>
  (await reads.find({ projection: 'counter', generation }, 'counts')).reduce(
    (s, d) => s + (d.n as number),
    0,
  );

describe('a candidate generation (rebuild with promote=manual)', () => {
  const engines: ProjectionEngine[] = [];
  const engine = (events: MemoryEventStore, reads: MemoryReadStore, projection = counter) => {
    const created = new ProjectionEngine([projection], events, reads, fast);
    engines.push(created);
    return created;
  };
  afterEach(async () => {
    await Promise.all(engines.splice(0).map((e) => e.stop()));
  });

  it('catches up and stays live beside the serving generation until promoted', async () => {
    const [events, reads] = [new MemoryEventStore(), new MemoryReadStore()];
    await ticks(events, 0, 10);
    // The code changes while the engine runs: the serving generation was built by the old one.
    const changing: Projection = { ...counter };
    const next = engine(events, reads, changing);
    await next.start();
    expect(await next.waitFor((await events.headPosition())!, ['counter'], 5000)).toBe(true);
    Object.assign(changing, { version: doubled.version, evolve: doubled.evolve });
    await next.rebuild('counter', 'manual');
    await until(async () => (await next.candidateRef('counter'))?.caughtUp === true);
    const candidate = (await next.candidateRef('counter'))!;
    expect(candidate).toEqual({ projection: 'counter', generation: 2, caughtUp: true });
    expect(next.serving('counter')?.generation).toBe(1);
    expect(await next.info('counter')).toMatchObject({
      status: 'live',
      generation: 1,
      rebuild: { generation: 2, promote: 'manual', caughtUp: true },
    });

    await ticks(events, 10, 12);
    // Each generation follows the log on its own: wait for both.
    const head = (await events.headPosition())!;
    expect(await next.waitFor(head, ['counter'], 5000, 'candidate')).toBe(true);
    expect(await next.waitFor(head, ['counter'], 5000)).toBe(true);
    expect(await sum(reads, 2)).toBe(24);
    expect(await sum(reads, 1)).toBe(14);
    await expect(next.rebuild('counter')).rejects.toMatchObject({ code: 'CANDIDATE_EXISTS' });
    expect((await next.diff('counter')).documents).toEqual({
      added: 0,
      removed: 0,
      changed: 3,
      unchanged: 0,
    });

    const promoted = await next.promote('counter');
    expect(promoted).toMatchObject({ generation: 2, rebuild: null, status: 'live' });
    expect(await counted(reads)).toBe(24);
    await expect(reads.find({ projection: 'counter', generation: 1 }, 'counts')).rejects.toBeInstanceOf(
      GenerationGoneError,
    );
    await expect(next.promote('counter')).rejects.toMatchObject({ code: 'NO_CANDIDATE' });
    await expect(next.diff('counter')).rejects.toMatchObject({ code: 'NO_CANDIDATE' });
    expect((await reads.projections())[0].meta).toMatchObject({
      version: 2,
      rebuilding: null,
      rebuild: null,
    });
  });

  it('is dropped on request, the serving generation untouched; a restart keeps a candidate one', async () => {
    const [events, reads] = [new MemoryEventStore(), new MemoryReadStore()];
    await ticks(events, 0, 6);
    const first = engine(events, reads);
    await first.start();
    await first.rebuild('counter', 'manual');
    await until(async () => (await first.candidateRef('counter'))?.caughtUp === true);
    await first.stop();

    // A new code version does not replace a candidate waiting for its promotion.
    const second = engine(events, reads, doubled);
    await second.start();
    await until(async () => (await second.candidateRef('counter'))?.caughtUp === true);
    expect(second.serving('counter')?.generation).toBe(1);
    expect((await second.candidateRef('counter'))?.generation).toBe(2);

    const dropped = await second.dropCandidate('counter');
    expect(dropped).toMatchObject({ generation: 1, rebuild: null });
    expect(await second.candidateRef('counter')).toBeNull();
    await expect(reads.find({ projection: 'counter', generation: 2 }, 'counts')).rejects.toBeInstanceOf(
      GenerationGoneError,
    );
    expect(await counted(reads)).toBe(6);
    await expect(second.dropCandidate('counter')).rejects.toMatchObject({ code: 'NO_CANDIDATE' });
  });

  it('refuses to promote or compare a candidate that has not caught up', async () => {
    const [events, reads] = [new MemoryEventStore(), new MemoryReadStore()];
    await ticks(events, 0, 6);
    const poisoned: Projection = {
      ...counter,
      evolve: (e, docs) => {
        if (e.data.n === 3 && poisoned.version === 2) throw new Error('poison');
        return counter.evolve(e, docs);
      },
    };
    const only = engine(events, reads, poisoned);
    await only.start();
    expect(await only.waitFor((await events.headPosition())!, ['counter'], 5000)).toBe(true);
    poisoned.version = 2;
    await only.rebuild('counter', 'manual');
    await until(async () => (await only.info('counter')).lastError !== null);
    await expect(only.promote('counter')).rejects.toMatchObject({ code: 'CANDIDATE_NOT_CAUGHT_UP' });
    await expect(only.diff('counter')).rejects.toMatchObject({ code: 'CANDIDATE_NOT_CAUGHT_UP' });
    // The serving generation is not failed by its candidate's poison event.
    expect((await only.info('counter')).status).toBe('live');
  });

  it('is asked for, promoted and dropped through the registry by a process that does not run it', async () => {
    const [events, reads] = [new MemoryEventStore(), new MemoryReadStore()];
    await ticks(events, 0, 8);
    const holder = engine(events, reads);
    const standby = engine(events, reads);
    await holder.start();
    await standby.start();
    expect(await holder.waitFor((await events.headPosition())!, ['counter'], 5000)).toBe(true);

    await standby.rebuild('counter', 'manual');
    await until(async () => (await standby.candidateRef('counter', true))?.caughtUp === true);
    expect(standby.serving('counter')).toBeNull();
    await expect(standby.rebuild('counter')).rejects.toMatchObject({ code: 'CANDIDATE_EXISTS' });
    expect((await standby.diff('counter')).documents).toEqual({
      added: 0,
      removed: 0,
      changed: 0,
      unchanged: 3,
    });
    expect(await standby.promote('counter')).toMatchObject({ generation: 2 });
    expect(holder.serving('counter')?.generation).toBe(2);

    await standby.rebuild('counter', 'manual');
    await until(async () => (await standby.candidateRef('counter', true))?.caughtUp === true);
    await standby.dropCandidate('counter');
    expect(await holder.candidateRef('counter')).toBeNull();
    await expect(standby.promote('counter')).rejects.toMatchObject({ code: 'NO_CANDIDATE' });
    expect(await counted(reads)).toBe(8);
  });

  it('is shown in the registry as soon as it starts, catches up, is promoted or dropped', async () => {
    const [events, reads] = [new MemoryEventStore(), new MemoryReadStore()];
    await ticks(events, 0, 8);
    // No timed publishing in this test: only the changes themselves bring the registry up to date.
    const options = { ...fast, publishEveryMs: 3_600_000 };
    const holder = new ProjectionEngine([counter], events, reads, options);
    const standby = new ProjectionEngine([counter], events, reads, options);
    engines.push(holder, standby);
    await holder.start();
    await standby.start();
    expect(await holder.waitFor((await events.headPosition())!, ['counter'], 5000)).toBe(true);

    await holder.rebuild('counter', 'manual');
    expect(await standby.candidateRef('counter', true)).toMatchObject({ generation: 2 });
    await until(async () => (await holder.candidateRef('counter'))?.caughtUp === true);
    await until(async () => (await standby.candidateRef('counter', true))?.caughtUp === true);
    await holder.promote('counter');
    expect(await standby.servingRef('counter', true)).toEqual({ projection: 'counter', generation: 2 });
    expect(await standby.candidateRef('counter', true)).toBeNull();

    await holder.rebuild('counter', 'manual');
    await until(async () => (await standby.candidateRef('counter', true))?.caughtUp === true);
    await holder.dropCandidate('counter');
    expect(await standby.candidateRef('counter', true)).toBeNull();
    expect((await standby.info('counter')).rebuild).toBeNull();
  });
});
