import { describe, expect, it } from '@jest/globals';
import { MemoryReadStore } from '@sales/read-store';
import { applyBatch } from '../runtime/apply-batch.js';
import { DocCache } from '../runtime/doc-cache.js';
import type { ProjectedEvent } from '../runtime/projection.js';
import { TimeCutReads } from '../temporal/time-cut-reads.js';
import { storedIndexes } from '../temporal/version-fields.js';
import { stageVisitsProjection } from './stage-visits.projection.js';
import { VISIT_DURATIONS } from './visit-durations.js';

const HOUR = 3_600_000;
const time = (day: number, hours = 0) => new Date(Date.UTC(2026, 0, day) + hours * HOUR).toISOString();

// Two deals in prospecting since 1 January; each leaves it on 5 January, d2 two hours after
// midnight and d1 at ten, but d2's move is recorded at noon: after d1's, a backdated entry.
function history(): ProjectedEvent[] {
  const events: ProjectedEvent[] = [];
  const add = (dealId: string, type: string, data: Record<string, unknown>, recordedAt: string) =>
    events.push({
      type,
      stream: `deal-${dealId}`,
      position: events.length + 1,
      data: { dealId, pipelineId: 'default', ownerId: dealId === 'd1' ? 'ann' : 'bo', source: null, ...data },
      recordedAt,
    });
  for (const dealId of ['d1', 'd2'])
    add(
      dealId,
      'DealOpened',
      { stageId: 'prospecting', amountMinor: 100, title: dealId, accountId: dealId, occurredAt: time(1) },
      time(1),
    );
  const leave = (dealId: string, hours: number, recordedAt: string) =>
    add(
      dealId,
      'DealStageAdvanced',
      {
        from: 'prospecting',
        to: 'quote',
        direction: 'forward',
        enteredAt: time(1),
        occurredAt: time(5, hours),
      },
      recordedAt,
    );
  leave('d1', 10, time(5, 10));
  leave('d2', 2, time(5, 12));
  return events;
}

// One batch per event, with versions, as the engine applies a live log.
async function projected(events: ProjectedEvent[]) {
  const store = new MemoryReadStore();
  const ref = { projection: stageVisitsProjection.name, generation: 1 };
  await store.ensureGeneration(ref, storedIndexes(stageVisitsProjection));
  const cache = new DocCache(store, ref);
  const docs = { load: cache.load.bind(cache), versions: cache.versions.bind(cache) };
  for (const event of events) cache.absorb(await applyBatch(stageVisitsProjection, [event], docs));
  await cache.flush(events.length);
  return { store, ref };
}

describe('visit durations, one document per ended visit', () => {
  it('hold its stage, owner at exit, exit and length, under the visit’s own id', async () => {
    const { store, ref } = await projected(history());
    const durations = await store.find(ref, VISIT_DURATIONS, {
      orderBy: [{ field: 'exitedAt', direction: 'asc' }],
    });
    expect(durations.map(({ _vf, _rf, ...d }) => (void _vf, void _rf, d))).toEqual([
      {
        _id: 'd2:4',
        _position: 4,
        pipelineId: 'default',
        stageId: 'prospecting',
        ownerId: 'bo',
        exitedAt: time(5, 2),
        durationMs: 4 * 24 * HOUR + 2 * HOUR,
      },
      {
        _id: 'd1:3',
        _position: 3,
        pipelineId: 'default',
        stageId: 'prospecting',
        ownerId: 'ann',
        exitedAt: time(5, 10),
        durationMs: 4 * 24 * HOUR + 10 * HOUR,
      },
    ]);
    // Written once each: no versions to keep.
    expect(await store.count(ref, `${VISIT_DURATIONS}.versions`)).toBe(0);
  });

  it('are read as of any time like every document: from their exit, as recorded by their event', async () => {
    const { store, ref } = await projected(history());
    const owners = async (asOf: string, knownAt: string | null = null) =>
      (await new TimeCutReads(store, { asOf, knownAt }).find(ref, VISIT_DURATIONS))
        .map((d) => d.ownerId)
        .sort();
    expect(await owners(time(5, 1))).toEqual([]);
    expect(await owners(time(5, 3))).toEqual(['bo']);
    expect(await owners(time(5, 11))).toEqual(['ann', 'bo']);
    // As recorded before noon, d2 had not left yet.
    expect(await owners(time(5, 3), time(5, 11))).toEqual([]);
    expect(await owners(time(5, 11), time(5, 11))).toEqual(['ann']);
  });
});
