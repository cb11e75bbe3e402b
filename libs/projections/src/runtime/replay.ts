import type { GenerationRef, ReadStore } from '@sales/read-store';
import { applyBatch } from './apply-batch.js';
import { DocCache } from './doc-cache.js';
import type { ProjectedEvent, Projection } from './projection.js';

// Runs projections over events handed over page by page into a store, through the same
// applyBatch as the live runtime: a report as of a past date is this, into a memory store, then
// the same report. Documents stay in a write-behind cache between pages and are committed once,
// at the end, so a document that many events change is stored once, not once per page.
export class Replay {
  private last: number | null = null;

  private constructor(
    private readonly targets: { projection: Projection; ref: GenerationRef; cache: DocCache }[],
  ) {}

  static async into(store: ReadStore, projections: Projection[], generation = 1): Promise<Replay> {
    const targets = [];
    for (const projection of projections) {
      const ref = { projection: projection.name, generation };
      await store.ensureGeneration(ref, projection.indexes);
      targets.push({ projection, ref, cache: new DocCache(store, ref) });
    }
    return new Replay(targets);
  }

  async apply(events: ProjectedEvent[]): Promise<void> {
    if (events.length === 0) return;
    for (const { projection, cache } of this.targets)
      cache.absorb(await applyBatch(projection, events, (keys) => cache.load(keys)));
    this.last = events[events.length - 1].position;
  }

  /** Commits every document changed; the refs of the generations written. */
  async finish(): Promise<Map<string, GenerationRef>> {
    const refs = new Map<string, GenerationRef>();
    for (const { projection, ref, cache } of this.targets) {
      if (this.last !== null) await cache.flush(this.last);
      refs.set(projection.name, ref);
    }
    return refs;
  }
}

export async function replay(
  projections: Projection[],
  events: ProjectedEvent[],
  store: ReadStore,
  generation = 1,
): Promise<Map<string, GenerationRef>> {
  const run = await Replay.into(store, projections, generation);
  await run.apply(events);
  return run.finish();
}
