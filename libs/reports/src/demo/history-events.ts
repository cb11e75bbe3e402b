import {
  dealDecider,
  type DealCommand,
  type DealState,
  dealStream,
  decideConversion,
  defaultPipelineEvent,
  type DomainEvent,
  evolveAll,
  leadDecider,
  type LeadCommand,
  type LeadState,
  leadStream,
  type PipelineDefinition,
  pipelineDecider,
  type PipelineState,
  pipelineDefinitionOf,
  pipelineStream,
  quotaDecider,
  type QuotaState,
  quotaStream,
} from '@sales/domain';
import type { DemoAction } from './demo-actions.js';

// `root`: the action's chain (see DemoAction); appends of different roots are independent.
export type StreamAppend = { root: string; stream: string; events: DomainEvent[] };

type States = {
  pipelines: Map<string, PipelineState>;
  leads: Map<string, LeadState>;
  deals: Map<string, DealState>;
  quotas: Map<string, QuotaState>;
};

// Decides every action with the real deciders, as the command handlers would, and yields what
// each stream gets appended, in order. For tests and benchmarks that need a history fast; the
// engine's own write path is the HTTP API (see `npm run cli -- seed`).
export function* historyEvents(
  actions: Iterable<DemoAction>,
  options: { now: string; withDefaultPipeline?: boolean },
): Generator<StreamAppend> {
  const states: States = { pipelines: new Map(), leads: new Map(), deals: new Map(), quotas: new Map() };
  const defaultDefined = defaultPipelineEvent();
  states.pipelines.set('default', evolveAll(pipelineDecider, [defaultDefined]));
  if (options.withDefaultPipeline ?? true)
    yield { root: 'pipeline-default', stream: pipelineStream('default'), events: [defaultDefined] };
  for (const action of actions)
    for (const append of decideAction(action, states, options.now)) yield { root: action.root, ...append };
}

const pipelineOf = (states: States, pipelineId: string): PipelineDefinition | null =>
  pipelineDefinitionOf(states.pipelines.get(pipelineId) ?? { status: 'none' });

type Append = Omit<StreamAppend, 'root'>;

function* decideAction(action: DemoAction, states: States, now: string): Generator<Append> {
  const time = { occurredAt: action.at, now };
  const deal = (dealId: string, command: DealCommand): Append => {
    const state = states.deals.get(dealId) ?? dealDecider.initialState;
    const events = dealDecider.decide(command, state);
    states.deals.set(dealId, events.reduce(dealDecider.evolve, state));
    return { stream: dealStream(dealId), events };
  };
  const lead = (leadId: string, command: LeadCommand): Append => {
    const state = states.leads.get(leadId) ?? leadDecider.initialState;
    const events = leadDecider.decide(command, state);
    states.leads.set(leadId, events.reduce(leadDecider.evolve, state));
    return { stream: leadStream(leadId), events };
  };
  switch (action.kind) {
    case 'definePipeline': {
      const state = states.pipelines.get(action.pipelineId) ?? pipelineDecider.initialState;
      const { pipelineId, name, stages } = action;
      const events = pipelineDecider.decide(
        { type: 'DefinePipeline', pipelineId, name, stages, openDealsByStage: {}, ...time },
        state,
      );
      states.pipelines.set(pipelineId, events.reduce(pipelineDecider.evolve, state));
      yield { stream: pipelineStream(pipelineId), events };
      return;
    }
    case 'setQuota': {
      const key = `${action.ownerId}/${action.period}`;
      const state = states.quotas.get(key) ?? quotaDecider.initialState;
      const { ownerId, period, amountMinor } = action;
      const events = quotaDecider.decide({ type: 'SetQuota', ownerId, period, amountMinor, ...time }, state);
      states.quotas.set(key, events.reduce(quotaDecider.evolve, state));
      yield { stream: quotaStream(ownerId, period), events };
      return;
    }
    case 'captureLead': {
      const { leadId, source, company, contact, ownerId } = action;
      yield lead(leadId, { type: 'CaptureLead', leadId, source, company, contact, ownerId, ...time });
      return;
    }
    case 'logActivity': {
      const input = {
        activityId: action.activityId,
        activityType: action.type,
        performedBy: action.performedBy,
        outcome: action.outcome,
        ...time,
      };
      yield action.entity === 'lead'
        ? lead(action.id, { type: 'LogLeadActivity', leadId: action.id, ...input })
        : deal(action.id, { type: 'LogDealActivity', dealId: action.id, ...input });
      return;
    }
    case 'convertLead': {
      const { leadId, dealId, title, accountId, amountMinor, pipelineId, expectedCloseDate } = action;
      const leadState = states.leads.get(leadId) ?? leadDecider.initialState;
      const dealState = states.deals.get(dealId) ?? dealDecider.initialState;
      const { leadEvents, dealEvents } = decideConversion(
        {
          type: 'ConvertLead',
          leadId,
          dealId,
          title,
          accountId,
          amountMinor,
          pipelineId,
          expectedCloseDate,
          pipeline: pipelineOf(states, pipelineId),
          ...time,
        },
        leadState,
        dealState,
      );
      states.leads.set(leadId, leadEvents.reduce(leadDecider.evolve, leadState));
      states.deals.set(dealId, dealEvents.reduce(dealDecider.evolve, dealState));
      yield { stream: leadStream(leadId), events: leadEvents };
      yield { stream: dealStream(dealId), events: dealEvents };
      return;
    }
    case 'disqualifyLead':
      yield lead(action.leadId, {
        type: 'DisqualifyLead',
        leadId: action.leadId,
        reason: action.reason,
        ...time,
      });
      return;
    case 'openDeal': {
      const { dealId, title, accountId, ownerId, amountMinor, pipelineId, source, expectedCloseDate } =
        action;
      yield deal(dealId, {
        type: 'OpenDeal',
        dealId,
        title,
        accountId,
        ownerId,
        amountMinor,
        pipelineId,
        source,
        expectedCloseDate,
        pipeline: pipelineOf(states, pipelineId),
        ...time,
      });
      return;
    }
    case 'advanceStage':
    case 'reopenDeal': {
      const current = states.deals.get(action.dealId);
      const pipeline = current && current.status !== 'none' ? pipelineOf(states, current.pipelineId) : null;
      yield deal(
        action.dealId,
        action.kind === 'advanceStage'
          ? { type: 'AdvanceStage', dealId: action.dealId, stageId: action.stageId, pipeline, ...time }
          : { type: 'ReopenDeal', dealId: action.dealId, pipeline, ...time },
      );
      return;
    }
    case 'closeDeal': {
      const { dealId, outcome, reason, competitor, amountMinor } = action;
      yield deal(dealId, { type: 'CloseDeal', dealId, outcome, reason, competitor, amountMinor, ...time });
      return;
    }
    case 'reassignDeal':
      yield deal(action.dealId, {
        type: 'ReassignDeal',
        dealId: action.dealId,
        ownerId: action.ownerId,
        ...time,
      });
      return;
    case 'updateDeal': {
      const { dealId, amountMinor, expectedCloseDate } = action;
      yield deal(dealId, { type: 'UpdateDeal', dealId, amountMinor, expectedCloseDate, ...time });
      return;
    }
    default: {
      const never: never = action;
      throw new Error(`unknown demo action ${JSON.stringify(never)}`);
    }
  }
}
