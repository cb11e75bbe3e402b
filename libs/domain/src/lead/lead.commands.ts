import type { ActivityInput } from '../shared/activity.js';
import type { CommandTime } from '../shared/event.js';
import type { PipelineDefinition } from '../pipeline/pipeline.definition.js';

export type CaptureLead = CommandTime & {
  type: 'CaptureLead';
  leadId: string;
  source: string;
  company: string;
  contact?: string | null;
  ownerId: string;
};

export type LogLeadActivity = CommandTime & ActivityInput & { type: 'LogLeadActivity'; leadId: string };

// Carries what the deal needs as well: decideConversion runs the lead and the deal decider
// together so that nothing is appended unless both streams accept it.
export type ConvertLead = CommandTime & {
  type: 'ConvertLead';
  leadId: string;
  dealId: string;
  title: string;
  accountId: string;
  amountMinor: number;
  pipelineId: string;
  stageId?: string | null;
  expectedCloseDate?: string | null;
  pipeline: PipelineDefinition | null;
};

export type DisqualifyLead = CommandTime & { type: 'DisqualifyLead'; leadId: string; reason: string };

// Issued by the engine, not by a client: the conversion's deal id was taken before its deal opened.
// No time of its own: it takes the conversion's.
export type RevertConversion = { type: 'RevertConversion'; leadId: string; dealId: string; reason: 'DEAL_EXISTS' };

export type LeadCommand = CaptureLead | LogLeadActivity | ConvertLead | DisqualifyLead | RevertConversion;
