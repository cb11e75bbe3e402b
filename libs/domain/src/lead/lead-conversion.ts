import type { OpenConvertedDeal } from '../deal/deal.commands.js';
import { dealDecider } from '../deal/deal.decider.js';
import type { DealEvent } from '../deal/deal.events.js';
import type { DealState } from '../deal/deal.state.js';
import type { ConvertLead } from './lead.commands.js';
import { leadDecider } from './lead.decider.js';
import type { LeadConverted, LeadEvent } from './lead.events.js';
import type { LeadState } from './lead.state.js';

// A conversion touches two streams and is committed on the lead's: LeadConverted first (the lead
// stream's expected version makes it win or lose against a disqualification), carrying the deal
// it opens; DealOpened second, from that event alone, on an empty deal stream. Whoever appends the
// second half (the converting request, or a process that finds it missing) decides it the same way.
export type ConversionDecision = { leadEvents: LeadEvent[]; dealEvents: DealEvent[] };

export const openConvertedDeal = (converted: LeadConverted): OpenConvertedDeal => ({
  type: 'OpenConvertedDeal',
  converted: converted.data,
});

export const conversionOf = (events: readonly { type: string }[]): LeadConverted | undefined =>
  events.find((event): event is LeadConverted => event.type === 'LeadConverted');

// Both deciders run before anything is appended, so an unknown stage or an existing deal id
// refuses the conversion instead of committing a conversion whose deal cannot open.
export const decideConversion = (
  command: ConvertLead,
  lead: LeadState,
  deal: DealState,
): ConversionDecision => {
  const leadEvents = leadDecider.decide(command, lead);
  const converted = conversionOf(leadEvents);
  if (!converted) throw new Error('ConvertLead decided without a LeadConverted event');
  const dealEvents = dealDecider.decide(openConvertedDeal(converted), deal);
  return { leadEvents, dealEvents };
};
