import { describe, expect, it } from '@jest/globals';
import { appliedLive } from '../runtime/engine-test-kit.js';
import type { ProjectedEvent } from '../runtime/projection.js';
import { selfCutOf, TimeCutReads } from '../temporal/time-cut-reads.js';
import { stageVisitsProjection } from './stage-visits.projection.js';
import { VISIT_DURATIONS, type VisitDurationsDoc } from './visit-durations.js';

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

async function projected(events: ProjectedEvent[]) {
  const { store, ref } = await appliedLive(stageVisitsProjection, events);
  // It keeps no versions: each visit carries its own times.
  expect(await store.count(ref, `${VISIT_DURATIONS}.versions`)).toBe(0);
  // The owners of the day's visits, as of a time, as recorded by a time.
  return async (asOf: string, knownAt: string | null = null) => {
    const reads = new TimeCutReads(store, { asOf, knownAt }, selfCutOf([stageVisitsProjection]));
    const doc = (await reads.get(ref, VISIT_DURATIONS, 'default:2026-01-05')) as VisitDurationsDoc | null;
    return doc?.visits.map(([, ownerId]) => ownerId) ?? null;
  };
}

describe('visit durations, a document per day of exit', () => {
  it('holds every visit that ended that day, in exit order, with its length and times, and no versions', async () => {
    const { store, ref } = await appliedLive(stageVisitsProjection, history());
    const { _position, ...doc } = (await store.get(ref, VISIT_DURATIONS, 'default:2026-01-05')) as never as {
      _position: number;
    } & Record<string, unknown>;
    expect(doc).toEqual({
      _id: 'default:2026-01-05',
      pipelineId: 'default',
      day: '2026-01-05',
      // stage, owner at exit, exit since 00:00Z, length, recorded at
      visits: [
        ['prospecting', 'bo', 2 * HOUR, 4 * 24 * HOUR + 2 * HOUR, Date.parse(time(5, 12))],
        ['prospecting', 'ann', 10 * HOUR, 4 * 24 * HOUR + 10 * HOUR, Date.parse(time(5, 10))],
      ],
    });
    expect(_position).toBe(4);
  });

  it('tells what it held at any time cut, a backdated exit from its time on as recorded from its recording', async () => {
    const owners = await projected(history());
    expect(await owners(time(5, 1))).toBeNull();
    expect(await owners(time(5, 3))).toEqual(['bo']); // known now: d2 left at two
    expect(await owners(time(5, 11))).toEqual(['bo', 'ann']);
    // As recorded before noon, d2 had not left yet.
    expect(await owners(time(5, 3), time(5, 11))).toBeNull();
    expect(await owners(time(5, 11), time(5, 11))).toEqual(['ann']);
    expect(await owners(time(6))).toEqual(['bo', 'ann']);
  });
});
