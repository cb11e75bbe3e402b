import type { ActivityInput } from '../shared/activity.js';
import type { CommandTime } from '../shared/event.js';
import type { PipelineDefinition } from '../pipeline/pipeline.definition.js';
import type { LeadConverted } from '../lead/lead.events.js';

// The lead a deal is converted from, as the lead stream knows it.
export type LeadRef = { leadId: string; source: string; ownerId: string; capturedAt: string };

// `pipeline` is the current definition of `pipelineId` as loaded by the handler (null: unknown).
export type OpenDeal = CommandTime & {
  type: 'OpenDeal';
  dealId: string;
  title: string;
  accountId: string;
  // Required unless `lead` is given: a converted deal inherits the lead's owner and source.
  ownerId?: string | null;
  amountMinor: number;
  pipelineId: string;
  stageId?: string | null;
  source?: string | null;
  expectedCloseDate?: string | null;
  pipeline: PipelineDefinition | null;
  lead?: LeadRef | null;
};

export type AdvanceStage = CommandTime & {
  type: 'AdvanceStage';
  dealId: string;
  stageId: string;
  pipeline: PipelineDefinition | null;
};

export type LogDealActivity = CommandTime & ActivityInput & { type: 'LogDealActivity'; dealId: string };

export type CloseDeal = CommandTime & {
  type: 'CloseDeal';
  dealId: string;
  outcome: 'won' | 'lost';
  reason?: string | null;
  // Final amount, only when won.
  amountMinor?: number | null;
  competitor?: string | null;
};

export type ReopenDeal = CommandTime & {
  type: 'ReopenDeal';
  dealId: string;
  pipeline: PipelineDefinition | null;
};

export type ReassignDeal = CommandTime & { type: 'ReassignDeal'; dealId: string; ownerId: string };

// PATCH semantics: undefined leaves a field alone, null clears expectedCloseDate.
export type UpdateDeal = CommandTime & {
  type: 'UpdateDeal';
  dealId: string;
  title?: string;
  amountMinor?: number;
  expectedCloseDate?: string | null;
};

// The second half of a lead's conversion: opens the deal from what the committed LeadConverted
// carries, checked when the conversion was decided. Issued by the engine; the only refusal left
// is DEAL_EXISTS (the id was taken in between).
export type OpenConvertedDeal = { type: 'OpenConvertedDeal'; converted: LeadConverted['data'] };

export type DealCommand =
  | OpenConvertedDeal
  | OpenDeal
  | AdvanceStage | LogDealActivity | CloseDeal | ReopenDeal | ReassignDeal | UpdateDeal;
