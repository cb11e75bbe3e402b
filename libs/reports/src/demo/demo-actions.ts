import type { ActivityType } from '@sales/domain';

export type StageSpec = { id: string; name: string; probability: number };

// One change to the sales history, as a client would ask for it. `root` names the chain of
// entities it belongs to (a lead and the deal it became, a deal, a pipeline, a quota): actions of
// one root must be applied in order, different roots are independent.
export type DemoAction = { at: string; root: string } & (
  | { kind: 'definePipeline'; pipelineId: string; name: string; stages: StageSpec[] }
  | { kind: 'setQuota'; ownerId: string; period: string; amountMinor: number }
  | { kind: 'captureLead'; leadId: string; source: string; company: string; contact: string; ownerId: string }
  | {
      kind: 'logActivity';
      entity: 'lead' | 'deal';
      id: string;
      activityId: string;
      type: ActivityType;
      performedBy: string | null;
      outcome: string | null;
    }
  | {
      kind: 'convertLead';
      leadId: string;
      dealId: string;
      title: string;
      accountId: string;
      amountMinor: number;
      pipelineId: string;
      expectedCloseDate: string;
    }
  | { kind: 'disqualifyLead'; leadId: string; reason: string }
  | {
      kind: 'openDeal';
      dealId: string;
      title: string;
      accountId: string;
      ownerId: string;
      amountMinor: number;
      pipelineId: string;
      source: string | null;
      expectedCloseDate: string;
    }
  | { kind: 'advanceStage'; dealId: string; stageId: string }
  | {
      kind: 'closeDeal';
      dealId: string;
      outcome: 'won' | 'lost';
      reason: string | null;
      competitor: string | null;
      amountMinor: number | null;
    }
  | { kind: 'reopenDeal'; dealId: string }
  | { kind: 'reassignDeal'; dealId: string; ownerId: string }
  | { kind: 'updateDeal'; dealId: string; amountMinor?: number; expectedCloseDate?: string | null }
);

export type DemoActionKind = DemoAction['kind'];
