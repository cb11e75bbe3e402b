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
