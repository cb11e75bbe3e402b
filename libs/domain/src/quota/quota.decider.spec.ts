import { describe, it } from '@jest/globals';
import { given } from '@sales/testing';
import type { SetQuota } from './quota.commands.js';
import { quotaDecider } from './quota.decider.js';
import type { QuotaSet } from './quota.events.js';

const NOW = '2026-03-01T12:00:00.000Z';

const setQuota = (overrides: Partial<SetQuota> = {}): SetQuota => ({
  type: 'SetQuota',
  ownerId: 'alice',
  period: '2026-Q1',
  amountMinor: 10_000_000,
  occurredAt: '2026-01-05T09:00:00.000Z',
  now: NOW,
  ...overrides,
});

const quotaSet = (amountMinor: number, occurredAt: string): QuotaSet => ({
  type: 'QuotaSet',
  data: {
    ownerId: 'alice',
    period: '2026-Q1',
    from: '2026-01-01T00:00:00.000Z',
    to: '2026-04-01T00:00:00.000Z',
    amountMinor,
    occurredAt,
  },
});

describe('SetQuota', () => {
  it('sets the quota with the period boundaries', () => {
    given(quotaDecider, [])
      .when(setQuota())
      .then([quotaSet(10_000_000, '2026-01-05T09:00:00.000Z')]);
  });

  it('replaces an earlier quota for the same owner and period', () => {
    given(quotaDecider, [quotaSet(10_000_000, '2026-01-05T09:00:00.000Z')])
      .when(setQuota({ amountMinor: 12_000_000, occurredAt: '2026-02-01T00:00:00Z' }))
      .then([quotaSet(12_000_000, '2026-02-01T00:00:00.000Z')]);
  });

  it('refuses a malformed period', () => {
    given(quotaDecider, [])
      .when(setQuota({ period: '2026-Q5' }))
      .thenThrows('INVALID_PERIOD');
  });

  it('refuses a negative amount', () => {
    given(quotaDecider, [])
      .when(setQuota({ amountMinor: -1 }))
      .thenThrows('INVALID_AMOUNT');
  });

  it('refuses a time before the latest quota change', () => {
    given(quotaDecider, [quotaSet(10_000_000, '2026-01-05T09:00:00.000Z')])
      .when(setQuota({ occurredAt: '2026-01-05T08:59:59.999Z' }))
      .thenThrows('OUT_OF_ORDER');
  });

  it('refuses a time more than 5 minutes ahead of now', () => {
    given(quotaDecider, [])
      .when(setQuota({ occurredAt: '2026-03-01T12:06:00.000Z' }))
      .thenThrows('OCCURRED_IN_FUTURE');
  });
});
