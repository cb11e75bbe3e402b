import { randomUUID } from 'node:crypto';
import { MemoryEventStore } from '@sales/event-store';
import type { StreamAppend } from '../demo/history-events.js';

const metadata = () => {
  const id = randomUUID();
  return {
    recordedAt: '2026-12-31T00:00:00.000Z',
    commandId: id,
    correlationId: id,
    causationId: id,
    actorId: null,
    principal: 'spec',
    schemaVersion: 1,
  };
};

export async function appendAll(store: MemoryEventStore, appends: Iterable<StreamAppend>): Promise<number> {
  let position = 0;
  for (const { stream, events } of appends) {
    const result = await store.append(
      stream,
      events.map((e) => ({ id: randomUUID(), type: e.type, data: e.data, metadata: metadata() })),
      'any',
    );
    position = result.position;
  }
  return position;
}

/**
 * Appends in log order, each append recorded at the latest business time reached so far plus a
 * lag: events dated before one already in the log are backdated entries, recorded after the fact.
 */
const DEFAULT_PIPELINE_ROOT = 'pipeline-default';

export async function recordAll(store: MemoryEventStore, appends: StreamAppend[], lagMs: number[] = [0]) {
  let clock = 0;
  for (const [i, { stream, events }] of appends.entries()) {
    const latest = Math.max(...events.map((e) => Date.parse(String(e.data.occurredAt))));
    clock = Math.max(clock, latest) + lagMs[i % lagMs.length];
    const recordedAt = new Date(clock).toISOString();
    await store.append(
      stream,
      events.map((e) => ({
        id: randomUUID(),
        type: e.type,
        data: e.data,
        metadata: { ...metadata(), recordedAt },
      })),
      'any',
    );
  }
}

// Independent entities (a lead and its deal, a deal, a pipeline, a quota) may reach the log in
// any interleaving; one entity's events keep their order. The default pipeline comes first, as
// the engine defines it on its first start.
export function interleave(appends: StreamAppend[], picks: number[]): StreamAppend[] {
  const queues = new Map<string, StreamAppend[]>();
  for (const append of appends) queues.set(append.root, [...(queues.get(append.root) ?? []), append]);
  const out: StreamAppend[] = queues.get(DEFAULT_PIPELINE_ROOT) ?? [];
  queues.delete(DEFAULT_PIPELINE_ROOT);
  const roots = [...queues.keys()];
  for (let i = 0; roots.length > 0; i++) {
    const r = picks[i % picks.length] % roots.length;
    const queue = queues.get(roots[r]) as StreamAppend[];
    out.push(queue.shift() as StreamAppend);
    if (queue.length === 0) roots.splice(r, 1);
  }
  return out;
}
