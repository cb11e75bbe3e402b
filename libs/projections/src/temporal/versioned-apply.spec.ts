import { describe, expect, it } from '@jest/globals';
import { appliedLive } from '../runtime/engine-test-kit.js';
import type { ProjectedEvent } from '../runtime/projection.js';
import { VISITS, stageVisitsProjection } from '../read-models/stage-visits.projection.js';
import { TimeCutReads } from './time-cut-reads.js';

const day = (n: number) => new Date(Date.UTC(2026, 0, n)).toISOString();
const deal = { dealId: 'd1', pipelineId: 'default', ownerId: 'ann', source: null };
let position = 0;
const event = (
  type: string,
  at: number,
  data: Record<string, unknown>,
  recordedAt = day(at),
): ProjectedEvent => ({
  type,
  stream: 'deal-d1',
  position: ++position,
  data: { ...deal, occurredAt: day(at), ...data },
  recordedAt,
});

async function project(events: ProjectedEvent[]) {
  const { store, ref } = await appliedLive(stageVisitsProjection, events);
  const at = (asOf: number, knownAt: number | null = null) =>
    new TimeCutReads(store, { asOf: day(asOf), knownAt: knownAt === null ? null : day(knownAt) }).get(
      ref,
      VISITS,
      'open:d1',
    );
  return { at };
}

describe('versioned documents', () => {
  it('answer as of any business time, as recorded by any time', async () => {
    const { at } = await project([
      event('DealOpened', 1, { stageId: 'prospecting', amountMinor: 100, title: 't', accountId: 'a' }),
      event('DealStageAdvanced', 5, {
        from: 'prospecting',
        to: 'quote',
        direction: 'forward',
        enteredAt: day(1),
      }),
    ]);
    expect(await at(0)).toBeNull();
    expect((await at(3))?.stageId).toBe('prospecting');
    expect((await at(5))?.stageId).toBe('quote');
    expect((await at(9, 3))?.stageId).toBe('prospecting');
  });

  // Every document the event writes is keyed (the open visit, the ended one, its day's durations),
  // so it is taken into the versions from its own date, as the deals read model takes it.
  it('take an event dated before a stream’s latest (a log written around the domain) from its date, without stopping', async () => {
    const { at } = await project([
      event('DealOpened', 1, { stageId: 'prospecting', amountMinor: 100, title: 't', accountId: 'a' }),
      event('DealStageAdvanced', 5, {
        from: 'prospecting',
        to: 'quote',
        direction: 'forward',
        enteredAt: day(1),
      }),
      event(
        'DealStageAdvanced',
        3,
        { from: 'quote', to: 'contract', direction: 'forward', enteredAt: day(5) },
        day(6),
      ),
    ]);
    expect((await at(2))?.stageId).toBe('prospecting');
    expect((await at(4))?.stageId).toBe('contract');
    expect((await at(5))?.stageId).toBe('contract');
    expect((await at(4, 5))?.stageId).toBe('prospecting');
    expect((await at(5, 5))?.stageId).toBe('quote');
  });
});
