import { isDomainEvent, type RecordedLikeEvent } from '../domain-event.js';
import { assertNever } from '../shared/assert-never.js';

export type LeadView = {
  leadId: string;
  source: string;
  company: string;
  contact: string | null;
  ownerId: string;
  status: 'open' | 'converted' | 'disqualified';
  dealId: string | null;
  capturedAt: string;
  convertedAt: string | null;
  disqualifiedAt: string | null;
  disqualifyReason: string | null;
  activityCount: number;
  lastActivityAt: string | null;
  firstActivityAt: string | null;
  version: number;
};

// The entity read of a lead (contract §3), folded from the lead's own stream: activities
// logged on its deal after conversion belong to the deal's view. `version` counts events folded.
export const evolveLeadView = (view: LeadView | null, recorded: RecordedLikeEvent): LeadView | null => {
  if (!isDomainEvent(recorded)) return view;
  const event = recorded;
  if (event.type === 'LeadCaptured') {
    if (view !== null) return view;
    const { leadId, source, company, contact, ownerId, occurredAt } = event.data;
    return {
      leadId,
      source,
      company,
      contact,
      ownerId,
      status: 'open',
      dealId: null,
      capturedAt: occurredAt,
      convertedAt: null,
      disqualifiedAt: null,
      disqualifyReason: null,
      activityCount: 0,
      lastActivityAt: null,
      firstActivityAt: null,
      version: 1,
    };
  }
  if (view === null || !('leadId' in event.data) || event.data.leadId !== view.leadId) return view;
  const at = event.data.occurredAt;
  const next = { ...view, version: view.version + 1 };
  switch (event.type) {
    case 'ActivityLogged':
      if (event.data.entity !== 'lead') return view;
      return {
        ...next,
        activityCount: view.activityCount + 1,
        firstActivityAt: view.firstActivityAt ?? at,
        lastActivityAt: at,
      };
    case 'LeadConverted':
      return { ...next, status: 'converted', dealId: event.data.dealId, convertedAt: at };
    case 'LeadDisqualified':
      return { ...next, status: 'disqualified', disqualifiedAt: at, disqualifyReason: event.data.reason };
    case 'LeadConversionReverted':
      return view.dealId === event.data.dealId
        ? { ...next, status: 'open', dealId: null, convertedAt: null }
        : next;
    case 'PipelineDefined':
    case 'DealOpened':
    case 'DealStageAdvanced':
    case 'DealWon':
    case 'DealLost':
    case 'DealReopened':
    case 'DealReassigned':
    case 'DealUpdated':
    case 'QuotaSet':
      return view;
    default:
      return assertNever(event);
  }
};

export const foldLeadView = (events: Iterable<RecordedLikeEvent>): LeadView | null => {
  let view: LeadView | null = null;
  for (const event of events) view = evolveLeadView(view, event);
  return view;
};
