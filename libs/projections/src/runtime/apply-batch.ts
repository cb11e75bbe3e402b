import type { Doc, Write } from '@sales/read-store';
import type { DocKey, DocState, ProjectedEvent, Projection } from './projection.js';

const keyOf = (key: DocKey) => `${key.collection}\u0000${key.id}`;

export type LoadDocs = (keys: DocKey[]) => Promise<Map<string, Doc>>;

export class PoisonEventError extends Error {
  constructor(
    readonly event: ProjectedEvent,
    readonly reason: unknown,
  ) {
    super(
      `${event.type} at position ${event.position} (${event.stream}): ${reason instanceof Error ? reason.message : String(reason)}`,
    );
  }
}

// Runs a batch of events through a projection against the documents they touch, and returns the
// final state of every document that changed. A stored document that already carries an event's
// position (or a later one) has seen that event: replays after a crash change nothing.
export async function applyBatch(
  projection: Projection,
  events: ProjectedEvent[],
  load: LoadDocs,
): Promise<Write[]> {
  const handled = events.filter((e) => projection.eventTypes.includes(e.type));
  if (handled.length === 0) return [];
  const wanted = new Map<string, DocKey>();
  for (const event of handled) for (const key of projection.keys(event)) wanted.set(keyOf(key), key);
  const stored = await load([...wanted.values()]);
  const working = new Map<string, DocState | null>();
  const dirty = new Map<string, { key: DocKey; position: number }>();
  const lookup = (collection: string, id: string) => {
    const key = keyOf({ collection, id });
    if (working.has(key)) return working.get(key) ?? null;
    const doc = stored.get(key);
    if (!doc) return null;
    const { _id: _ignored, _position: _alsoIgnored, ...state } = doc;
    return state;
  };
  for (const event of handled) {
    let writes;
    try {
      writes = projection.evolve(event, lookup);
    } catch (error) {
      throw new PoisonEventError(event, error);
    }
    for (const write of writes) {
      const key = keyOf(write);
      const seen = stored.get(key);
      if (seen && seen._position >= event.position) continue;
      working.set(key, write.op === 'put' ? write.doc : null);
      dirty.set(key, { key: { collection: write.collection, id: write.id }, position: event.position });
    }
  }
  return [...dirty.entries()].map(([key, { key: doc, position }]) => {
    const state = working.get(key);
    return state
      ? {
          op: 'put' as const,
          collection: doc.collection,
          doc: { ...state, _id: doc.id, _position: position } as Doc,
        }
      : { op: 'delete' as const, collection: doc.collection, id: doc.id };
  });
}

export const docKey = keyOf;
