import { describe, expect, it } from '@jest/globals';
import { MemoryReadStore } from '@sales/read-store';
import type { ProjectedEvent } from '../runtime/projection.js';
import { replay } from '../runtime/replay.js';
import { DEAL_CHANGES, dealChangesProjection } from './deal-changes.projection.js';

const at = (day: number) => `2026-01-${String(day).padStart(2, '0')}T00:00:00.000Z`;
const updated = (day: number, changes: Record<string, unknown>, ownerId = 'ann') => [
  'DealUpdated',
  {
    dealId: 'D1',
    changes,
    pipelineId: 'default',
    ownerId,
    status: 'open',
    stageId: 'quote',
    occurredAt: at(day),
  },
];
const history = [
  [
    'DealOpened',
    {
      dealId: 'D1',
      title: 'T',
      accountId: 'acme',
      ownerId: 'ann',
      amountMinor: 10_000,
      pipelineId: 'default',
      stageId: 'prospecting',
      source: 'webinar',
      leadId: null,
      leadCapturedAt: null,
      expectedCloseDate: '2026-03-01',
      occurredAt: at(1),
    },
  ],
  updated(2, { title: { from: 'T', to: 'U' } }), // neither date nor amount: no row
  updated(3, { expectedCloseDate: { from: '2026-03-01', to: '2026-04-01' } }),
  updated(4, { amountMinor: { from: 10_000, to: 12_000 } }, 'bo'),
] as [string, Record<string, unknown>][];
const events: ProjectedEvent[] = history.map(([type, data], i) => ({
  type,
  data,
  recordedAt: String(data.occurredAt),
  position: i + 1,
  stream: 'deal-D1',
}));

describe('deal-changes', () => {
  it('keeps one row per update of the close date or the amount, with the owner at it and the deal’s source', async () => {
    const store = new MemoryReadStore();
    const ref = (await replay([dealChangesProjection], events, store)).get('deal-changes')!;
    const rows = await store.find(ref, DEAL_CHANGES, {
      where: { occurredAt: { gte: at(1), lt: at(10) } },
      orderBy: [{ field: 'occurredAt', direction: 'asc' }],
    });
    expect(rows.map(({ _id, _position, ...row }) => row)).toEqual([
      {
        dealId: 'D1',
        pipelineId: 'default',
        ownerId: 'ann',
        source: 'webinar',
        occurredAt: at(3),
        position: 3,
        expectedCloseDate: { from: '2026-03-01', to: '2026-04-01' },
        amountMinor: null,
      },
      {
        dealId: 'D1',
        pipelineId: 'default',
        ownerId: 'bo',
        source: 'webinar',
        occurredAt: at(4),
        position: 4,
        expectedCloseDate: null,
        amountMinor: { from: 10_000, to: 12_000 },
      },
    ]);
  });
});
