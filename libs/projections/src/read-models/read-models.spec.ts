import { describe, expect, it } from '@jest/globals';
import { MemoryReadStore } from '@sales/read-store';
import type { ProjectedEvent } from '../runtime/projection.js';
import { replay } from '../runtime/replay.js';
import { ACCOUNTS, accountsProjection } from './accounts.projection.js';
import { DEALS, dealsProjection } from './deals.projection.js';
import { LEADS, leadsProjection } from './leads.projection.js';
import { STAGE_OUTCOMES, stageOutcomesProjection } from './stage-outcomes.projection.js';
import { VISITS, stageVisitsProjection } from './stage-visits.projection.js';
import { VISIT_DURATIONS } from './visit-durations.js';

// A lead converted into a deal that goes forward, back, is lost, reopened, reassigned and won.
const origin = {
  accountId: 'acme',
  source: 'webinar',
  leadId: 'L1',
  openedAt: '2026-01-02T00:00:00.000Z',
  start: '2026-01-01T00:00:00.000Z',
};
const history: [string, Record<string, unknown>][] = [
  [
    'LeadCaptured',
    {
      leadId: 'L1',
      source: 'webinar',
      company: 'Acme',
      contact: null,
      ownerId: 'ann',
      occurredAt: '2026-01-01T00:00:00.000Z',
    },
  ],
  [
    'ActivityLogged',
    {
      activityId: 'a1',
      entity: 'lead',
      leadId: 'L1',
      dealId: null,
      type: 'call',
      performedBy: 'ann',
      ownerId: 'ann',
      outcome: null,
      notes: null,
      occurredAt: '2026-01-01T06:00:00.000Z',
    },
  ],
  [
    'LeadConverted',
    {
      leadId: 'L1',
      dealId: 'D1',
      ownerId: 'ann',
      source: 'webinar',
      capturedAt: '2026-01-01T00:00:00.000Z',
      occurredAt: '2026-01-02T00:00:00.000Z',
    },
  ],
  [
    'DealOpened',
    {
      dealId: 'D1',
      title: 'T',
      accountId: 'acme',
      ownerId: 'ann',
      amountMinor: 10000,
      pipelineId: 'default',
      stageId: 'prospecting',
      source: 'webinar',
      leadId: 'L1',
      leadCapturedAt: '2026-01-01T00:00:00.000Z',
      expectedCloseDate: '2026-03-31',
      occurredAt: '2026-01-02T00:00:00.000Z',
    },
  ],
  [
    'DealStageAdvanced',
    {
      ...origin,
      dealId: 'D1',
      pipelineId: 'default',
      from: 'prospecting',
      to: 'quote',
      direction: 'forward',
      enteredAt: '2026-01-02T00:00:00.000Z',
      ownerId: 'ann',
      amountMinor: 10000,
      visitedStageIds: ['prospecting'],
      occurredAt: '2026-01-05T00:00:00.000Z',
    },
  ],
  [
    'DealStageAdvanced',
    {
      ...origin,
      dealId: 'D1',
      pipelineId: 'default',
      from: 'quote',
      to: 'qualification',
      direction: 'backward',
      enteredAt: '2026-01-05T00:00:00.000Z',
      ownerId: 'ann',
      amountMinor: 10000,
      visitedStageIds: ['prospecting', 'quote'],
      occurredAt: '2026-01-07T00:00:00.000Z',
    },
  ],
  [
    'DealLost',
    {
      ...origin,
      dealId: 'D1',
      pipelineId: 'default',
      stageId: 'qualification',
      enteredAt: '2026-01-07T00:00:00.000Z',
      ownerId: 'ann',
      amountMinor: 10000,
      reason: 'price',
      competitor: null,
      visitedStageIds: ['prospecting', 'quote', 'qualification'],
      occurredAt: '2026-01-10T00:00:00.000Z',
    },
  ],
  [
    'DealReopened',
    {
      ...origin,
      dealId: 'D1',
      pipelineId: 'default',
      stageId: 'qualification',
      ownerId: 'ann',
      amountMinor: 10000,
      visitedStageIds: ['prospecting', 'quote', 'qualification'],
      closedAt: '2026-01-10T00:00:00.000Z',
      lostReason: 'price',
      occurredAt: '2026-01-12T00:00:00.000Z',
    },
  ],
  [
    'DealReassigned',
    {
      dealId: 'D1',
      from: 'ann',
      to: 'bo',
      pipelineId: 'default',
      stageId: 'qualification',
      status: 'open',
      enteredAt: '2026-01-12T00:00:00.000Z',
      occurredAt: '2026-01-13T00:00:00.000Z',
    },
  ],
  [
    'ActivityLogged',
    {
      activityId: 'a2',
      entity: 'deal',
      leadId: 'L1',
      dealId: 'D1',
      type: 'demo',
      performedBy: 'bo',
      ownerId: 'bo',
      outcome: null,
      notes: null,
      occurredAt: '2026-01-14T00:00:00.000Z',
    },
  ],
  [
    'DealWon',
    {
      ...origin,
      dealId: 'D1',
      pipelineId: 'default',
      stageId: 'qualification',
      enteredAt: '2026-01-12T00:00:00.000Z',
      ownerId: 'bo',
      amountMinor: 12000,
      reason: null,
      competitor: null,
      visitedStageIds: ['prospecting', 'quote', 'qualification'],
      occurredAt: '2026-01-20T00:00:00.000Z',
    },
  ],
];
const events: ProjectedEvent[] = history.map(([type, data], i) => ({
  type,
  data,
  recordedAt: data.occurredAt as string,
  position: i + 1,
  stream: String(data.dealId ?? data.leadId),
}));

async function project(projection: Parameters<typeof replay>[0][number], upTo = events.length) {
  const store = new MemoryReadStore();
  const ref = (await replay([projection], events.slice(0, upTo), store)).get(projection.name)!;
  return { store, ref };
}

describe('read models', () => {
  it('deals: current facts, owner at opening and close, visited stages', async () => {
    const { store, ref } = await project(dealsProjection);
    expect(await store.get(ref, DEALS, 'D1')).toMatchObject({
      status: 'won',
      ownerId: 'bo',
      openOwnerId: 'ann',
      closeOwnerId: 'bo',
      stageId: 'qualification',
      amountMinor: 12000,
      closedAt: '2026-01-20T00:00:00.000Z',
      start: '2026-01-01T00:00:00.000Z',
      source: 'webinar',
      lossReason: null,
      visitedStageIds: ['prospecting', 'quote', 'qualification'],
      visitEnteredAt: '2026-01-12T00:00:00.000Z',
      activityCount: 1,
      _position: 11,
    });
  });

  it('stage visits: one per ended visit with owner at exit, and the open one with the current owner', async () => {
    const { store, ref } = await project(stageVisitsProjection, 9);
    const visits = await store.find(ref, VISITS, { orderBy: [{ field: 'enteredAt', direction: 'asc' }] });
    expect(
      visits.map((v) => [v.stageId, v.status, v.exit, v.to, v.ownerId, v.enteredAt, v.exitedAt]),
    ).toEqual([
      [
        'prospecting',
        'closed',
        'forward',
        'quote',
        'ann',
        '2026-01-02T00:00:00.000Z',
        '2026-01-05T00:00:00.000Z',
      ],
      [
        'quote',
        'closed',
        'backward',
        'qualification',
        'ann',
        '2026-01-05T00:00:00.000Z',
        '2026-01-07T00:00:00.000Z',
      ],
      [
        'qualification',
        'closed',
        'lost',
        'lost',
        'ann',
        '2026-01-07T00:00:00.000Z',
        '2026-01-10T00:00:00.000Z',
      ],
      ['qualification', 'open', null, null, 'bo', '2026-01-12T00:00:00.000Z', null],
    ]);
    // Each ended visit's length goes to its exit day's document, owner at exit, with its times.
    const days = await store.find(ref, VISIT_DURATIONS, { orderBy: [{ field: 'day', direction: 'asc' }] });
    expect(
      days.map(({ _id, pipelineId, day, visits: lengths }) => ({ _id, pipelineId, day, lengths })),
    ).toEqual(
      visits
        .filter((v) => v.status === 'closed')
        .map((v) => {
          const exit = Date.parse(v.exitedAt as string);
          return {
            _id: `default:${(v.exitedAt as string).slice(0, 10)}`,
            pipelineId: 'default',
            day: (v.exitedAt as string).slice(0, 10),
            lengths: [
              [v.stageId, v.ownerId, exit % 86_400_000, exit - Date.parse(v.enteredAt as string), exit],
            ],
          };
        }),
    );
    const { store: after, ref: ref2 } = await project(stageVisitsProjection);
    expect(await after.count(ref2, VISITS, { status: 'open' })).toBe(0);
    expect(await after.count(ref2, VISITS, { exit: 'won' })).toBe(1);
  });

  it('stage outcomes: a loss is taken back by the reopening, the win counts once per visited stage', async () => {
    const lostOnly = await project(stageOutcomesProjection, 7);
    expect(
      (await lostOnly.store.find(lostOnly.ref, STAGE_OUTCOMES)).map((d) => [d.stageId, d.sample, d.won]),
    ).toEqual([
      ['prospecting', 1, 0],
      ['qualification', 1, 0],
      ['quote', 1, 0],
    ]);
    const reopened = await project(stageOutcomesProjection, 8);
    expect((await reopened.store.find(reopened.ref, STAGE_OUTCOMES)).map((d) => d.sample)).toEqual([0, 0, 0]);
    const won = await project(stageOutcomesProjection);
    expect((await won.store.find(won.ref, STAGE_OUTCOMES)).map((d) => [d.sample, d.won])).toEqual([
      [1, 1],
      [1, 1],
      [1, 1],
    ]);
  });

  it('leads: conversion and the first activity on the lead or its deal', async () => {
    const { store, ref } = await project(leadsProjection);
    expect(await store.get(ref, LEADS, 'L1')).toMatchObject({
      status: 'converted',
      dealId: 'D1',
      convertedAt: '2026-01-02T00:00:00.000Z',
      firstActivityAt: '2026-01-01T06:00:00.000Z',
      activityCount: 2,
    });
  });

  it('leads: a reverted conversion leaves the lead open, as if never converted', async () => {
    const store = new MemoryReadStore();
    const at = '2026-01-02T00:00:00.000Z';
    const lead = (type: string, data: Record<string, unknown>, position: number): ProjectedEvent => ({
      type,
      data: { leadId: 'L9', occurredAt: at, ...data },
      recordedAt: at,
      position,
      stream: 'lead-L9',
    });
    const reverted = lead('LeadConversionReverted', { dealId: 'D9', reason: 'DEAL_EXISTS' }, 3);
    const ref = (
      await replay(
        [leadsProjection],
        [
          lead('LeadCaptured', { source: 'web', company: 'Acme', contact: null, ownerId: 'ann' }, 1),
          lead('LeadConverted', { dealId: 'D9', ownerId: 'ann', source: 'web', capturedAt: at }, 2),
          reverted,
          { ...reverted, data: { ...reverted.data, dealId: 'D8' }, position: 4 },
        ],
        store,
      )
    ).get('leads')!;
    expect(await store.get(ref, LEADS, 'L9')).toMatchObject({
      status: 'open',
      dealId: null,
      convertedAt: null,
    });
  });

  it('accounts: the earliest win makes the customer', async () => {
    const { store, ref } = await project(accountsProjection);
    expect(await store.get(ref, ACCOUNTS, 'acme')).toMatchObject({
      firstWonAt: '2026-01-20T00:00:00.000Z',
      firstWonDealId: 'D1',
      pipelineId: 'default',
      amountMinor: 12000,
      ownerId: 'bo',
      source: 'webinar',
    });
  });
});
