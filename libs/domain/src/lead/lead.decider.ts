import { activityLogged, assertNewActivity, validateActivity } from '../shared/activity.js';
import { assertNever } from '../shared/assert-never.js';
import type { Decider } from '../shared/decider.js';
import { DomainError } from '../shared/domain-error.js';
import { assertInOrder, assertNotInFuture } from '../shared/time.js';
import { optionalText, requireId, requireText } from '../shared/validation.js';
import type {
  CaptureLead,
  ConvertLead,
  DisqualifyLead,
  LeadCommand,
  LogLeadActivity,
  RevertConversion,
} from './lead.commands.js';
import { convertedDealOf } from './converted-deal.js';
import type { LeadEvent } from './lead.events.js';
import type { LeadFacts, LeadOpenState, LeadState } from './lead.state.js';

type ExistingLead = Exclude<LeadState, { status: 'none' }>;

const existing = (state: LeadState, leadId: string): ExistingLead => {
  if (state.status === 'none')
    throw new DomainError('LEAD_NOT_FOUND', `lead ${leadId} not found`, { leadId });
  return state;
};

// Converting and disqualifying are both final: neither may follow the other.
const stillOpen = (state: LeadState, leadId: string): LeadOpenState => {
  const lead = existing(state, leadId);
  switch (lead.status) {
    case 'open':
      return lead;
    case 'converted':
      throw new DomainError('LEAD_ALREADY_CONVERTED', `lead ${leadId} was converted to deal ${lead.dealId}`, {
        leadId,
        dealId: lead.dealId,
      });
    case 'disqualified':
      throw new DomainError('LEAD_DISQUALIFIED', `lead ${leadId} was disqualified`, { leadId });
    default:
      return assertNever(lead);
  }
};

const captureLead = (command: CaptureLead, state: LeadState): LeadEvent[] => {
  const occurredAt = assertNotInFuture(command);
  const data = {
    leadId: requireId('leadId', command.leadId),
    source: requireText('source', command.source),
    company: requireText('company', command.company),
    contact: optionalText('contact', command.contact),
    ownerId: requireId('ownerId', command.ownerId),
    occurredAt,
  };
  if (state.status !== 'none') {
    throw new DomainError('LEAD_EXISTS', `lead ${command.leadId} already exists`, { leadId: command.leadId });
  }
  return [{ type: 'LeadCaptured', data }];
};

// Allowed whatever the lead's status: follow-ups on a converted or disqualified lead happen.
const logLeadActivity = (command: LogLeadActivity, state: LeadState): LeadEvent[] => {
  const occurredAt = assertNotInFuture(command);
  const activity = validateActivity(command);
  const lead = existing(state, command.leadId);
  assertNewActivity(lead.activityIds, activity.activityId);
  assertInOrder(occurredAt, lead.lastOccurredAt);
  const on = { entity: 'lead', leadId: lead.leadId, dealId: null, ownerId: lead.ownerId } as const;
  return [activityLogged(activity, on, occurredAt)];
};

const convertLead = (command: ConvertLead, state: LeadState): LeadEvent[] => {
  const occurredAt = assertNotInFuture(command);
  const dealId = requireId('dealId', command.dealId);
  const lead = stillOpen(state, command.leadId);
  const deal = convertedDealOf(command);
  assertInOrder(occurredAt, lead.lastOccurredAt);
  const { leadId, ownerId, source, capturedAt } = lead;
  return [{ type: 'LeadConverted', data: { leadId, dealId, ownerId, source, capturedAt, deal, occurredAt } }];
};

// Only the conversion into that very deal is reverted: a stale request (the lead was since
// reverted, or converted again elsewhere) decides nothing.
const revertConversion = (command: RevertConversion, state: LeadState): LeadEvent[] => {
  if (state.status !== 'converted' || state.dealId !== command.dealId) return [];
  const { leadId, ownerId, source, capturedAt, convertedAt } = state;
  const { dealId, reason } = command;
  return [
    {
      type: 'LeadConversionReverted',
      data: { leadId, dealId, reason, ownerId, source, capturedAt, occurredAt: convertedAt },
    },
  ];
};

const disqualifyLead = (command: DisqualifyLead, state: LeadState): LeadEvent[] => {
  const occurredAt = assertNotInFuture(command);
  const reason = requireText('reason', command.reason);
  const lead = stillOpen(state, command.leadId);
  assertInOrder(occurredAt, lead.lastOccurredAt);
  const { leadId, ownerId, source, capturedAt } = lead;
  return [{ type: 'LeadDisqualified', data: { leadId, reason, ownerId, source, capturedAt, occurredAt } }];
};

// Drops the fields of the previous status so a state never carries another status's facts.
const factsOf = (lead: ExistingLead): LeadFacts => ({
  leadId: lead.leadId,
  source: lead.source,
  company: lead.company,
  contact: lead.contact,
  ownerId: lead.ownerId,
  capturedAt: lead.capturedAt,
  activityIds: lead.activityIds,
  lastOccurredAt: lead.lastOccurredAt,
});

const evolve = (state: LeadState, event: LeadEvent): LeadState => {
  switch (event.type) {
    case 'LeadCaptured': {
      const { occurredAt, ...facts } = event.data;
      return {
        status: 'open',
        ...facts,
        capturedAt: occurredAt,
        activityIds: [],
        lastOccurredAt: occurredAt,
      };
    }
    case 'ActivityLogged':
      if (state.status === 'none') return state;
      return {
        ...state,
        activityIds: [...state.activityIds, event.data.activityId],
        lastOccurredAt: event.data.occurredAt,
      };
    case 'LeadConverted':
      if (state.status === 'none') return state;
      return {
        ...factsOf(state),
        status: 'converted',
        dealId: event.data.dealId,
        convertedAt: event.data.occurredAt,
        deal: event.data.deal ?? null,
        lastOccurredAt: event.data.occurredAt,
      };
    // Open again; lastOccurredAt stays, so later commands still follow everything recorded.
    case 'LeadConversionReverted':
      if (state.status !== 'converted' || state.dealId !== event.data.dealId) return state;
      return { ...factsOf(state), status: 'open' };
    case 'LeadDisqualified':
      if (state.status === 'none') return state;
      return {
        ...factsOf(state),
        status: 'disqualified',
        reason: event.data.reason,
        disqualifiedAt: event.data.occurredAt,
        lastOccurredAt: event.data.occurredAt,
      };
    default:
      return assertNever(event);
  }
};

const decide = (command: LeadCommand, state: LeadState): LeadEvent[] => {
  switch (command.type) {
    case 'CaptureLead':
      return captureLead(command, state);
    case 'LogLeadActivity':
      return logLeadActivity(command, state);
    case 'ConvertLead':
      return convertLead(command, state);
    case 'DisqualifyLead':
      return disqualifyLead(command, state);
    case 'RevertConversion':
      return revertConversion(command, state);
    default:
      return assertNever(command);
  }
};

export const leadDecider: Decider<LeadCommand, LeadState, LeadEvent> = {
  initialState: { status: 'none' },
  evolve,
  decide,
};
