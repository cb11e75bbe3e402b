import type { Change } from '@sales/domain';
import type { DocKey } from '../runtime/projection.js';
import { defineProjection } from './define-projection.js';

// One narrow fact row per DealUpdated that moved the expected close date or the amount: what
// slippage counts, by the owner and pipeline the event carries, dated by its occurredAt. A deal's
// source is set at its opening and carried by no update: a per-deal document keeps it for them.
export type DealChangeDoc = {
  dealId: string;
  pipelineId: string;
  ownerId: string;
  source: string | null;
  occurredAt: string;
  /** Log position: orders a deal's updates that share an occurredAt. */
  position: number;
  expectedCloseDate: Change<string | null> | null;
  amountMinor: Change<number> | null;
};

export type DealSourceDoc = { dealId: string; source: string | null };

export const DEAL_CHANGES = 'deal-changes';
export const DEAL_SOURCES = 'deal-change-sources';

const changeId = (dealId: string, position: number) => `${dealId}:${position}`;

export const dealChangesProjection = defineProjection({
  name: 'deal-changes',
  version: 1,
  streamPrefixes: ['deal-'],
  collections: [DEAL_CHANGES, DEAL_SOURCES],
  indexes: [
    { collection: DEAL_CHANGES, fields: ['occurredAt'] },
    { collection: DEAL_CHANGES, fields: ['pipelineId', 'occurredAt'] },
  ],
  keys: ({ type, data, position }): DocKey[] =>
    type === 'DealOpened'
      ? [{ collection: DEAL_SOURCES, id: data.dealId }]
      : [
          { collection: DEAL_SOURCES, id: data.dealId },
          { collection: DEAL_CHANGES, id: changeId(data.dealId, position) },
        ],
  on: {
    DealOpened: ({ data }) => {
      // Events recorded before a fact was carried lack it: absent reads as null.
      const doc: DealSourceDoc = { dealId: data.dealId, source: data.source ?? null };
      return [{ op: 'put', collection: DEAL_SOURCES, id: data.dealId, doc }];
    },
    DealUpdated: ({ data, position }, docs) => {
      const { expectedCloseDate, amountMinor } = data.changes;
      if (!expectedCloseDate && !amountMinor) return [];
      const opened = docs(DEAL_SOURCES, data.dealId) as DealSourceDoc | null;
      const doc: DealChangeDoc = {
        dealId: data.dealId,
        pipelineId: data.pipelineId,
        ownerId: data.ownerId,
        source: opened?.source ?? null,
        occurredAt: data.occurredAt,
        position,
        expectedCloseDate: expectedCloseDate ?? null,
        amountMinor: amountMinor ?? null,
      };
      return [{ op: 'put', collection: DEAL_CHANGES, id: changeId(data.dealId, position), doc }];
    },
  },
});
