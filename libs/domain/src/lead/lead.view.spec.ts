import { describe, expect, it } from '@jest/globals';
import { dealActivity, givenEvents } from '@sales/testing';
import type { RecordedLikeEvent } from '../domain-event.js';
import type { LeadCaptured } from './lead.events.js';
import { evolveLeadView, foldLeadView, type LeadView } from './lead.view.js';

const CAPTURED = '2026-03-01T09:00:00.000Z';
const DAY2 = '2026-03-02T09:00:00.000Z';
const DAY3 = '2026-03-03T09:00:00.000Z';

const captured: LeadCaptured = {
  type: 'LeadCaptured',
  data: {
    leadId: 'L1',
    source: 'web',
    company: 'Acme',
    contact: null,
    ownerId: 'alice',
    occurredAt: CAPTURED,
  },
};
const activity = (activityId: string, occurredAt: string): RecordedLikeEvent =>
  dealActivity({ activityId, entity: 'lead', leadId: 'L1', dealId: null, occurredAt });

const fold = (events: RecordedLikeEvent[]): LeadView | null => givenEvents(events).fold(evolveLeadView, null);

describe('lead view', () => {
  it('shows a freshly captured lead', () => {
    expect(fold([captured])).toEqual({
      leadId: 'L1',
      source: 'web',
      company: 'Acme',
      contact: null,
      ownerId: 'alice',
      status: 'open',
      dealId: null,
      capturedAt: CAPTURED,
      convertedAt: null,
      disqualifiedAt: null,
      disqualifyReason: null,
      activityCount: 0,
      lastActivityAt: null,
      firstActivityAt: null,
      version: 1,
    });
  });

  it('counts activities with the first and the last', () => {
    expect(fold([captured, activity('A1', DAY2), activity('A2', DAY3)])).toMatchObject({
      activityCount: 2,
      firstActivityAt: DAY2,
      lastActivityAt: DAY3,
      version: 3,
    });
  });

  it('shows a conversion', () => {
    const converted = {
      type: 'LeadConverted',
      data: {
        leadId: 'L1',
        dealId: 'D1',
        ownerId: 'alice',
        source: 'web',
        capturedAt: CAPTURED,
        occurredAt: DAY2,
      },
    };
    expect(fold([captured, converted])).toMatchObject({
      status: 'converted',
      dealId: 'D1',
      convertedAt: DAY2,
      version: 2,
    });
  });

  it('shows a disqualification', () => {
    const disqualified = {
      type: 'LeadDisqualified',
      data: {
        leadId: 'L1',
        reason: 'no budget',
        ownerId: 'alice',
        source: 'web',
        capturedAt: CAPTURED,
        occurredAt: DAY3,
      },
    };
    expect(fold([captured, disqualified])).toMatchObject({
      status: 'disqualified',
      disqualifiedAt: DAY3,
      disqualifyReason: 'no budget',
      dealId: null,
    });
  });

  it("ignores the deal's activities and other leads' events", () => {
    const view = fold([
      captured,
      dealActivity({ leadId: 'L1' }),
      { ...activity('A9', DAY2), data: { ...dealActivity().data, entity: 'lead', leadId: 'L2' } },
    ]);
    expect(view).toMatchObject({ activityCount: 0, version: 1 });
  });

  it('is null until the lead is captured', () => {
    expect(foldLeadView([activity('A1', DAY2)])).toBeNull();
  });
});
