import type { ConvertedDeal } from './lead.events.js';

export type LeadFacts = {
  leadId: string;
  source: string;
  company: string;
  contact: string | null;
  ownerId: string;
  capturedAt: string;
  activityIds: readonly string[];
  lastOccurredAt: string;
};

export type LeadOpenState = LeadFacts & { status: 'open' };
// `deal` is what the conversion opens (null for conversions recorded before it was carried).
export type LeadConvertedState = LeadFacts & {
  status: 'converted';
  dealId: string;
  convertedAt: string;
  deal: ConvertedDeal | null;
};
export type LeadDisqualifiedState = LeadFacts & {
  status: 'disqualified';
  reason: string;
  disqualifiedAt: string;
};

export type LeadState = { status: 'none' } | LeadOpenState | LeadConvertedState | LeadDisqualifiedState;
