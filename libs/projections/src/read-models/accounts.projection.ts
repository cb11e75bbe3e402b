import { defineProjection } from './define-projection.js';

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

export const accountsProjection = defineProjection({
  name: 'accounts',
  version: 3,
  streamPrefixes: ['deal-'],
  collections: [ACCOUNTS],
  indexes: [{ collection: ACCOUNTS, fields: ['firstWonAt'] }],
  keys: ({ data }) => [{ collection: ACCOUNTS, id: data.accountId }],
  on: {
    DealWon: ({ data }, docs) => {
      const { accountId, dealId, occurredAt: at } = data;
      const current = docs(ACCOUNTS, accountId) as AccountDoc | null;
      const earlier =
        !current || at < current.firstWonAt || (at === current.firstWonAt && dealId < current.firstWonDealId);
      const doc: AccountDoc = earlier
        ? {
            accountId,
            firstWonAt: at,
            firstWonDealId: dealId,
            pipelineId: data.pipelineId,
            amountMinor: data.amountMinor,
            // Events recorded before a fact was carried lack it: absent reads as null.
            source: data.source ?? null,
            ownerId: data.ownerId,
            wonDeals: (current?.wonDeals ?? 0) + 1,
          }
        : { ...current, wonDeals: current.wonDeals + 1 };
      return [{ op: 'put', collection: ACCOUNTS, id: accountId, doc }];
    },
  },
});
