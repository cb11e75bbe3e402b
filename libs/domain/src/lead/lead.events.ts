import type { ActivityLogged } from '../shared/activity.js';
import type { EventOf } from '../shared/event.js';

export type LeadCaptured = EventOf<
  'LeadCaptured',
  { leadId: string; source: string; company: string; contact: string | null; ownerId: string }
>;

// The deal a conversion opens, decided with the conversion: the lead stream is where a conversion
// is committed, so everything needed to open its deal later (after a crash, on another process)
// is in the event. Absent on conversions recorded before it was: their deal was opened first.
export type ConvertedDeal = {
  title: string;
  accountId: string;
  amountMinor: number;
  pipelineId: string;
  stageId: string;
  expectedCloseDate: string | null;
};

// Owner, source and capture time ride along so conversion reports need no lead lookup.
export type LeadConverted = EventOf<
  'LeadConverted',
  {
    leadId: string;
    dealId: string;
    ownerId: string;
    source: string;
    capturedAt: string;
    deal?: ConvertedDeal;
  }
>;

// A conversion whose deal could not be opened (its id was taken between the two appends): the
// lead is open again. Dated at the conversion, so that for any asOf the two cancel out.
export type LeadConversionReverted = EventOf<
  'LeadConversionReverted',
  { leadId: string; dealId: string; reason: 'DEAL_EXISTS'; ownerId: string; source: string; capturedAt: string }
>;

export type LeadDisqualified = EventOf<
  'LeadDisqualified',
  { leadId: string; reason: string; ownerId: string; source: string; capturedAt: string }
>;

export type LeadEvent =
  LeadCaptured | ActivityLogged | LeadConverted | LeadDisqualified | LeadConversionReverted;
