import type { OpenDeal } from '../deal/deal.commands.js';
import { dealDecider } from '../deal/deal.decider.js';
import type { DealEvent } from '../deal/deal.events.js';
import type { DealState } from '../deal/deal.state.js';
import type { ConvertLead } from './lead.commands.js';
import { leadDecider } from './lead.decider.js';
import type { LeadConverted, LeadEvent } from './lead.events.js';
import type { LeadState } from './lead.state.js';

export type ConversionDecision = { leadEvents: LeadEvent[]; dealEvents: DealEvent[] };

export const openDealFromConversion = (command: ConvertLead, converted: LeadConverted): OpenDeal => ({
  type: 'OpenDeal',
  dealId: converted.data.dealId,
  title: command.title,
  accountId: command.accountId,
  ownerId: converted.data.ownerId,
  amountMinor: command.amountMinor,
  pipelineId: command.pipelineId,
  stageId: command.stageId ?? null,
  expectedCloseDate: command.expectedCloseDate ?? null,
  pipeline: command.pipeline,
  lead: {
    leadId: converted.data.leadId,
    source: converted.data.source,
    ownerId: converted.data.ownerId,
    capturedAt: converted.data.capturedAt,
  },
  occurredAt: converted.data.occurredAt,
  now: command.now,
});

// Both deciders run before anything is appended, so an unknown stage or an existing deal id
// refuses the conversion instead of leaving a lead converted into a deal that never opened.
export const decideConversion = (
  command: ConvertLead,
  lead: LeadState,
  deal: DealState,
): ConversionDecision => {
  const leadEvents = leadDecider.decide(command, lead);
  const converted = leadEvents.find((event): event is LeadConverted => event.type === 'LeadConverted');
  if (!converted) throw new Error('ConvertLead decided without a LeadConverted event');
  const dealEvents = dealDecider.decide(openDealFromConversion(command, converted), deal);
  return { leadEvents, dealEvents };
};
