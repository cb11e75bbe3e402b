import { describe, expect, it } from '@jest/globals';
import {
  DEAL_TIMES as T,
  dealActivity,
  dealLost,
  dealOpened,
  dealReassigned,
  dealReopened,
  dealStageAdvanced,
  dealUpdated,
  dealWon,
  givenEvents,
} from '@sales/testing';
import type { RecordedLikeEvent } from '../domain-event.js';
import { evolveDealView, foldDealView, type DealView } from './deal.view.js';

const fold = (events: RecordedLikeEvent[]): DealView | null => givenEvents(events).fold(evolveDealView, null);

describe('deal view', () => {
  it('shows a freshly opened deal', () => {
    expect(fold([dealOpened({ amountMinor: 1999 })])).toEqual({
      dealId: 'D1',
      title: 'Acme rollout',
      accountId: 'acme',
      ownerId: 'alice',
      pipelineId: 'default',
      stageId: 'prospecting',
      status: 'open',
      amount: 19.99,
      openedAt: T.opened,
      closedAt: null,
      leadId: null,
      source: 'web',
      expectedCloseDate: '2026-06-30',
      lossReason: null,
      stageHistory: [{ stageId: 'prospecting', enteredAt: T.opened, exitedAt: null, exit: null }],
      activityCount: 0,
      lastActivityAt: null,
      version: 1,
    });
  });

  it('records visits through a backward move, a loss, a reopening and a win', () => {
    const view = fold([
      dealOpened(),
      dealStageAdvanced({ from: 'prospecting', to: 'quote', occurredAt: T.day2 }),
      dealStageAdvanced({ from: 'quote', to: 'qualification', direction: 'backward', occurredAt: T.day3 }),
      dealLost({ stageId: 'qualification', reason: 'price', occurredAt: T.day4 }),
      dealReopened({ stageId: 'qualification', occurredAt: T.day5 }),
      dealWon({ stageId: 'qualification', amountMinor: 480_000, occurredAt: T.now }),
    ]);
    expect(view?.stageHistory).toEqual([
      { stageId: 'prospecting', enteredAt: T.opened, exitedAt: T.day2, exit: 'forward' },
      { stageId: 'quote', enteredAt: T.day2, exitedAt: T.day3, exit: 'backward' },
      { stageId: 'qualification', enteredAt: T.day3, exitedAt: T.day4, exit: 'lost' },
      { stageId: 'qualification', enteredAt: T.day5, exitedAt: T.now, exit: 'won' },
    ]);
    expect(view).toMatchObject({
      status: 'won',
      stageId: 'qualification',
      amount: 4800,
      closedAt: T.now,
      lossReason: null,
    });
    expect(view?.version).toBe(6);
  });

  it('shows a lost deal with its reason, and clears both on reopening', () => {
    const lost = fold([dealOpened(), dealLost({ reason: 'timing', occurredAt: T.day3 })]);
    expect(lost).toMatchObject({ status: 'lost', closedAt: T.day3, lossReason: 'timing', amount: 5000 });
    expect(lost?.stageHistory.at(-1)).toEqual({
      stageId: 'prospecting',
      enteredAt: T.opened,
      exitedAt: T.day3,
      exit: 'lost',
    });
    const reopened = fold([
      dealOpened(),
      dealLost({ occurredAt: T.day3 }),
      dealReopened({ occurredAt: T.day4 }),
    ]);
    expect(reopened).toMatchObject({
      status: 'open',
      closedAt: null,
      lossReason: null,
      stageId: 'prospecting',
    });
    expect(reopened?.stageHistory.at(-1)).toEqual({
      stageId: 'prospecting',
      enteredAt: T.day4,
      exitedAt: null,
      exit: null,
    });
  });

  it('follows reassignments, updates and activities', () => {
    const view = fold([
      dealOpened({ leadId: 'L1', leadCapturedAt: T.captured }),
      dealActivity({ occurredAt: T.day2 }),
      dealReassigned({ occurredAt: T.day3 }),
      dealUpdated(
        {
          title: { from: 'Acme rollout', to: 'Acme v2' },
          amountMinor: { from: 500_000, to: 123_456 },
          expectedCloseDate: { from: '2026-06-30', to: null },
        },
        T.day3,
      ),
      dealActivity({ activityId: 'A2', occurredAt: T.day4 }),
    ]);
    expect(view).toMatchObject({
      ownerId: 'bob',
      title: 'Acme v2',
      amount: 1234.56,
      expectedCloseDate: null,
      leadId: 'L1',
      activityCount: 2,
      lastActivityAt: T.day4,
      version: 5,
    });
  });

  it("ignores other entities' events and unknown types without counting them", () => {
    const view = fold([
      dealOpened(),
      dealStageAdvanced({ dealId: 'D2' }),
      dealActivity({ entity: 'lead', dealId: null, leadId: 'L1' }),
      { type: 'SomethingNew', data: { dealId: 'D1', occurredAt: T.day2 } },
    ]);
    expect(view).toMatchObject({ stageId: 'prospecting', activityCount: 0, version: 1 });
  });

  it('is null until the deal is opened', () => {
    expect(fold([dealStageAdvanced()])).toBeNull();
    expect(foldDealView([])).toBeNull();
  });

  it('accepts recorded events as the store returns them', () => {
    const recorded = { ...dealOpened(), id: 'e1', stream: 'deal-D1', version: 1, position: 42, metadata: {} };
    expect(foldDealView([recorded])?.dealId).toBe('D1');
  });
});
