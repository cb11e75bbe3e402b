import type { ProjectedEvent, Projection, ProjectionWrite } from '../runtime/projection.js';

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

function evolveLead(lead: LeadDoc, event: ProjectedEvent): LeadDoc {
  const data = event.data;
  const at = data.occurredAt as string;
  switch (event.type) {
    case 'LeadConverted':
      return { ...lead, status: 'converted', convertedAt: at, dealId: data.dealId as string };
    case 'LeadDisqualified':
      return { ...lead, status: 'disqualified', disqualifiedAt: at, disqualifyReason: data.reason as string };
    // A conversion whose deal could not open: the lead is open again, as if never converted.
    case 'LeadConversionReverted':
      return lead.dealId === data.dealId ? { ...lead, status: 'open', convertedAt: null, dealId: null } : lead;
    case 'ActivityLogged':
      return {
        ...lead,
        firstActivityAt: lead.firstActivityAt && lead.firstActivityAt <= at ? lead.firstActivityAt : at,
        activityCount: lead.activityCount + 1,
      };
    default:
      return lead;
  }
}

export const leadsProjection: Projection = {
  name: 'leads',
  version: 3,
  eventTypes: ['LeadCaptured', 'LeadConverted', 'LeadDisqualified', 'LeadConversionReverted', 'ActivityLogged'],
  streamPrefixes: ['lead-', 'deal-'],
  collections: [LEADS],
  indexes: [
    { collection: LEADS, fields: ['capturedAt'] },
    { collection: LEADS, fields: ['ownerId', 'capturedAt'] },
    { collection: LEADS, fields: ['convertedAt'] },
  ],
  keys: (event) =>
    typeof event.data.leadId === 'string' ? [{ collection: LEADS, id: event.data.leadId }] : [],
  evolve: (event, docs): ProjectionWrite[] => {
    const leadId = event.data.leadId;
    if (typeof leadId !== 'string') return [];
    if (event.type === 'LeadCaptured') {
      const d = event.data;
      const lead: LeadDoc = {
        leadId,
        source: d.source as string,
        company: d.company as string,
        contact: (d.contact ?? null) as string | null,
        ownerId: d.ownerId as string,
        status: 'open',
        capturedAt: d.occurredAt as string,
        convertedAt: null,
        dealId: null,
        disqualifiedAt: null,
        disqualifyReason: null,
        firstActivityAt: null,
        activityCount: 0,
      };
      return [{ op: 'put', collection: LEADS, id: leadId, doc: lead }];
    }
    const lead = docs(LEADS, leadId) as LeadDoc | null;
    return lead ? [{ op: 'put', collection: LEADS, id: leadId, doc: evolveLead(lead, event) }] : [];
  },
};
