import type { Lookup, ProjectionWrite } from '../runtime/projection.js';
import { defineProjection } from './define-projection.js';

export type LeadDoc = {
  leadId: string;
  source: string;
  company: string;
  contact: string | null;
  ownerId: string;
  status: 'open' | 'converted' | 'disqualified';
  capturedAt: string;
  convertedAt: string | null;
  dealId: string | null;
  disqualifiedAt: string | null;
  disqualifyReason: string | null;
  /** Earliest activity on the lead or on the deal it became (first response). */
  firstActivityAt: string | null;
  activityCount: number;
};

export const LEADS = 'leads';

const put = (lead: LeadDoc): ProjectionWrite[] => [
  { op: 'put', collection: LEADS, id: lead.leadId, doc: lead },
];

// Every event after the capture changes the lead's document, once it has one.
const update = (leadId: string, docs: Lookup, change: (lead: LeadDoc) => LeadDoc): ProjectionWrite[] => {
  const lead = docs(LEADS, leadId) as LeadDoc | null;
  return lead ? put(change(lead)) : [];
};

export const leadsProjection = defineProjection({
  name: 'leads',
  version: 3,
  streamPrefixes: ['lead-', 'deal-'],
  collections: [LEADS],
  indexes: [
    { collection: LEADS, fields: ['capturedAt'] },
    { collection: LEADS, fields: ['ownerId', 'capturedAt'] },
    { collection: LEADS, fields: ['convertedAt'] },
  ],
  // A deal's activities name its lead, if it was converted from one.
  keys: ({ data }) => (typeof data.leadId === 'string' ? [{ collection: LEADS, id: data.leadId }] : []),
  on: {
    LeadCaptured: ({ data }) =>
      put({
        leadId: data.leadId,
        source: data.source,
        company: data.company,
        // Events recorded before a fact was carried lack it: absent reads as null.
        contact: data.contact ?? null,
        ownerId: data.ownerId,
        status: 'open',
        capturedAt: data.occurredAt,
        convertedAt: null,
        dealId: null,
        disqualifiedAt: null,
        disqualifyReason: null,
        firstActivityAt: null,
        activityCount: 0,
      }),
    LeadConverted: ({ data }, docs) =>
      update(data.leadId, docs, (lead) => ({
        ...lead,
        status: 'converted',
        convertedAt: data.occurredAt,
        dealId: data.dealId,
      })),
    LeadDisqualified: ({ data }, docs) =>
      update(data.leadId, docs, (lead) => ({
        ...lead,
        status: 'disqualified',
        disqualifiedAt: data.occurredAt,
        disqualifyReason: data.reason,
      })),
    // A conversion whose deal could not open: the lead is open again, as if never converted.
    LeadConversionReverted: ({ data }, docs) =>
      update(data.leadId, docs, (lead) =>
        lead.dealId === data.dealId ? { ...lead, status: 'open', convertedAt: null, dealId: null } : lead,
      ),
    ActivityLogged: ({ data }, docs) => {
      const at = data.occurredAt;
      return typeof data.leadId !== 'string'
        ? []
        : update(data.leadId, docs, (lead) => ({
            ...lead,
            firstActivityAt: lead.firstActivityAt && lead.firstActivityAt <= at ? lead.firstActivityAt : at,
            activityCount: lead.activityCount + 1,
          }));
    },
  },
});
