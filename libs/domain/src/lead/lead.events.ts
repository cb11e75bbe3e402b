import type { ActivityLogged } from '../shared/activity.js';
import type { EventOf } from '../shared/event.js';

export type LeadCaptured = EventOf<
  'LeadCaptured',
  { leadId: string; source: string; company: string; contact: string | null; ownerId: string }
>;

// Owner, source and capture time ride along so conversion reports need no lead lookup.
export type LeadConverted = EventOf<
  'LeadConverted',
  { leadId: string; dealId: string; ownerId: string; source: string; capturedAt: string }
>;

export type LeadDisqualified = EventOf<
  'LeadDisqualified',
  { leadId: string; reason: string; ownerId: string; source: string; capturedAt: string }
>;

export type LeadEvent = LeadCaptured | ActivityLogged | LeadConverted | LeadDisqualified;
