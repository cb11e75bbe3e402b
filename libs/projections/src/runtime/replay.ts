import type { Doc, GenerationRef, ReadStore } from '@sales/read-store';
import { applyBatch, docKey } from './apply-batch.js';
import type { DocKey, ProjectedEvent, Projection } from './projection.js';

const CHUNK = 5000;

// Runs projections over a given list of events into a store, through the same applyBatch as the
// live runtime: a report as of a past date is this, into a memory store, then the same report.
export async function replay(
  projections: Projection[],
  events: ProjectedEvent[],
  store: ReadStore,
  generation = 1,
): Promise<Map<string, GenerationRef>> {
  const refs = new Map<string, GenerationRef>();
  for (const projection of projections) {
    const ref = { projection: projection.name, generation };
    await store.ensureGeneration(ref, projection.indexes);
    const load = async (keys: DocKey[]) => {
      const found = new Map<string, Doc>();
      for (const key of keys) {
        const doc = await store.get(ref, key.collection, key.id);
        if (doc) found.set(docKey(key), doc);
      }
      return found;
    };
    for (let i = 0; i < events.length; i += CHUNK) {
      const chunk = events.slice(i, i + CHUNK);
      await store.commit(ref, await applyBatch(projection, chunk, load), chunk[chunk.length - 1].position);
    }
    refs.set(projection.name, ref);
  }
  return refs;
}
