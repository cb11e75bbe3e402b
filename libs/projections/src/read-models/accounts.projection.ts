import type { Projection, ProjectionWrite } from '../runtime/projection.js';

// An account becomes a customer with its earliest won deal (by business time). Wins are final
// (only lost deals reopen), so the earliest win only ever moves earlier.
export type AccountDoc = {
  accountId: string;
  firstWonAt: string;
  firstWonDealId: string;
  /** The pipeline of the first won deal: new customers per pipeline. */
  pipelineId: string;
  amountMinor: number;
  source: string | null;
  ownerId: string;
  wonDeals: number;
};

export const ACCOUNTS = 'accounts';

export const accountsProjection: Projection = {
  name: 'accounts',
  version: 3,
  eventTypes: ['DealWon'],
  streamPrefixes: ['deal-'],
  collections: [ACCOUNTS],
  indexes: [{ collection: ACCOUNTS, fields: ['firstWonAt'] }],
  keys: (e) => [{ collection: ACCOUNTS, id: e.data.accountId as string }],
  evolve: (e, docs): ProjectionWrite[] => {
    const d = e.data;
    const accountId = d.accountId as string;
    const current = docs(ACCOUNTS, accountId) as AccountDoc | null;
    const at = d.occurredAt as string;
    const earlier =
      !current ||
      at < current.firstWonAt ||
      (at === current.firstWonAt && (d.dealId as string) < current.firstWonDealId);
    const doc: AccountDoc = earlier
      ? {
          accountId,
          firstWonAt: at,
          firstWonDealId: d.dealId as string,
          pipelineId: d.pipelineId as string,
          amountMinor: d.amountMinor as number,
          source: (d.source ?? null) as string | null,
          ownerId: d.ownerId as string,
          wonDeals: (current?.wonDeals ?? 0) + 1,
        }
      : { ...current, wonDeals: current.wonDeals + 1 };
    return [{ op: 'put', collection: ACCOUNTS, id: accountId, doc }];
  },
};
