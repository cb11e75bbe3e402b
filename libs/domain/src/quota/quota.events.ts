import type { EventOf } from '../shared/event.js';

// The period's boundaries ride along so attainment never re-parses the period.
export type QuotaSet = EventOf<
  'QuotaSet',
  { ownerId: string; period: string; from: string; to: string; amountMinor: number }
>;

export type QuotaEvent = QuotaSet;
