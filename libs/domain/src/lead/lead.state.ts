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
export type LeadConvertedState = LeadFacts & { status: 'converted'; dealId: string; convertedAt: string };
export type LeadDisqualifiedState = LeadFacts & {
  status: 'disqualified';
  reason: string;
  disqualifiedAt: string;
};

export type LeadState = { status: 'none' } | LeadOpenState | LeadConvertedState | LeadDisqualifiedState;
