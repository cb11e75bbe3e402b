import { randomUUID } from 'node:crypto';
import type { MemoryEventStore, NewEvent } from '@sales/event-store';
import { MemoryReadStore, type ReadStore } from '@sales/read-store';
import { storedIndexes } from '../temporal/version-fields.js';
import { applyBatch } from './apply-batch.js';
import { DocCache } from './doc-cache.js';
import type { ProjectedEvent, Projection } from './projection.js';

// Shared by the engine's specs: a tiny projection over `Tick` events and helpers to drive it.

export const tick = (key: number, n: number): NewEvent => ({
  id: randomUUID(),
  type: 'Tick',
  data: { key, n },
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

export const counter: Projection = {
  name: 'counter',
  version: 1,
  eventTypes: ['Tick'],
  streamPrefixes: ['tick-'],
  collections: ['counts'],
  indexes: [{ collection: 'counts', fields: ['n'] }],
  keys: (e) => [{ collection: 'counts', id: String(e.data.key) }],
  evolve: (e, docs) => {
    const doc = docs('counts', String(e.data.key)) as { n: number } | null;
    return [{ op: 'put', collection: 'counts', id: String(e.data.key), doc: { n: (doc?.n ?? 0) + 1 } }];
  },
};

export async function ticks(store: MemoryEventStore, from: number, to: number): Promise<void> {
  for (let n = from; n < to; n++) await store.append(`tick-${n % 7}`, [tick(n % 3, n)], 'any');
}

export async function until(check: () => Promise<boolean> | boolean, ms = 5000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('condition not reached');
    await new Promise((r) => setTimeout(r, 10));
  }
}

/** Sum of the counts in the serving generation: the number of ticks the read model has seen. */
export async function counted(reads: ReadStore): Promise<number> {
  const record = (await reads.projections()).find((r) => r.projection === 'counter');
  const docs = await reads.find({ projection: 'counter', generation: record!.activeGeneration! }, 'counts');
  return docs.reduce((sum, d) => sum + (d.n as number), 0);
}

/** A store whose named methods fail while `down` is set, as a store unreachable for a while. */
export function flaky(store: ReadStore, methods: (keyof ReadStore)[]): { store: ReadStore; down: boolean } {
  const control = { store, down: false };
  control.store = new Proxy(store, {
    get(target, key, receiver) {
      const value = Reflect.get(target, key, receiver);
      if (typeof value !== 'function') return value;
      return (...args: unknown[]) => {
        if (control.down && methods.includes(key as keyof ReadStore))
          return Promise.reject(new Error(`read store unreachable (${String(key)})`));
        return value.apply(target, args);
      };
    },
  });
  return control;
}

/** Events through a projection one batch each, with versions, as a live log is applied: into a fresh memory store. */
export async function appliedLive(projection: Projection, events: ProjectedEvent[]) {
  const store = new MemoryReadStore();
  const ref = { projection: projection.name, generation: 1 };
  await store.ensureGeneration(ref, storedIndexes(projection));
  const cache = new DocCache(store, ref);
  const docs = { load: cache.load.bind(cache), versions: cache.versions.bind(cache) };
  for (const event of events) cache.absorb(await applyBatch(projection, [event], docs));
  await cache.flush(events[events.length - 1]?.position ?? 0);
  return { store, ref };
}
