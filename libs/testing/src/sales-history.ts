import {
  DEFAULT_PIPELINE,
  type DealCommand,
  dealDecider,
  type DealEvent,
  type DealState,
  defaultPipelineEvent,
  type LeadCommand,
  leadDecider,
  type LeadEvent,
  type LeadState,
  type PipelineDefinition,
} from '@sales/domain';

// Deterministic, realistic histories for tests and benchmarks, decided by the real deciders (so
// every event is one the engine could have written): leads, conversions, deals moving forward and
// back, activities, wins, losses, reopenings, reassignments. Appends come in business-time order.
export type HistoryAppend = {
  stream: string;
  events: { type: string; data: Record<string, unknown> }[];
  at: string;
};

export type HistoryOptions = { deals: number; seed?: number; start?: string; days?: number };

const REPS = ['ann', 'bo', 'cy', 'dee', 'eli', 'fay'];
const SOURCES = ['webinar', 'ads', 'referral', 'partner', 'outbound'];
const REASONS = ['price', 'timing', 'competitor', 'no-budget', 'no-decision'];
const ACTIVITIES = ['call', 'email', 'meeting', 'demo', 'quote_sent', 'note', 'task'] as const;
const DAY = 86_400_000;

function random(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function salesHistory(options: HistoryOptions): HistoryAppend[] {
  const rnd = random(options.seed ?? 1);
  const pick = <T>(items: readonly T[]) => items[Math.floor(rnd() * items.length)];
  const start = Date.parse(options.start ?? '2025-01-01T00:00:00.000Z');
  const span = (options.days ?? 540) * DAY;
  const end = start + span + 150 * DAY;
  const now = new Date(end).toISOString();
  const pipeline: PipelineDefinition = DEFAULT_PIPELINE;
  const appends: HistoryAppend[] = [
    { stream: 'pipeline-default', events: [defaultPipelineEvent()], at: '1970-01-01T00:00:00.000Z' },
  ];

  for (let i = 0; i < options.deals; i++) {
    const dealId = `d${i}`;
    const owner = pick(REPS);
    let t = start + rnd() * span;
    const iso = () => new Date(Math.round(t)).toISOString();
    const step = (maxDays: number) => (t += (0.05 + rnd() * maxDays) * DAY);
    let deal: DealState = dealDecider.initialState;
    const onDeal = (command: DealCommand) => {
      const events: DealEvent[] = dealDecider.decide(command, deal);
      deal = events.reduce(dealDecider.evolve, deal);
      appends.push({ stream: `deal-${dealId}`, events, at: iso() });
    };
    const dealActivity = () =>
      onDeal({
        type: 'LogDealActivity',
        dealId,
        activityId: `a${appends.length}`,
        activityType: pick(ACTIVITIES),
        occurredAt: iso(),
        now,
      });

    if (rnd() < 0.6) {
      const leadId = `l${i}`;
      let lead: LeadState = leadDecider.initialState;
      const onLead = (command: LeadCommand) => {
        const events: LeadEvent[] = leadDecider.decide(command, lead);
        lead = events.reduce(leadDecider.evolve, lead);
        appends.push({ stream: `lead-${leadId}`, events, at: iso() });
        return events;
      };
      onLead({
        type: 'CaptureLead',
        leadId,
        source: pick(SOURCES),
        company: `Company ${i}`,
        ownerId: owner,
        occurredAt: iso(),
        now,
      });
      step(3);
      onLead({
        type: 'LogLeadActivity',
        leadId,
        activityId: `a${appends.length}`,
        activityType: 'call',
        occurredAt: iso(),
        now,
      });
      step(5);
      if (rnd() < 0.15) {
        onLead({ type: 'DisqualifyLead', leadId, reason: pick(REASONS), occurredAt: iso(), now });
        continue;
      }
      const converted = onLead({
        type: 'ConvertLead',
        leadId,
        dealId,
        title: `Deal ${i}`,
        accountId: `acct${i % Math.max(1, Math.floor(options.deals / 3))}`,
        amountMinor: Math.round(1000 + rnd() * 99000) * 100,
        pipelineId: 'default',
        pipeline,
        occurredAt: iso(),
        now,
      });
      const data = converted[0].data as { source: string; ownerId: string; capturedAt: string };
      onDeal({
        type: 'OpenDeal',
        dealId,
        title: `Deal ${i}`,
        accountId: `acct${i % Math.max(1, Math.floor(options.deals / 3))}`,
        amountMinor: Math.round(1000 + rnd() * 99000) * 100,
        pipelineId: 'default',
        pipeline,
        lead: { leadId, source: data.source, ownerId: data.ownerId, capturedAt: data.capturedAt },
        expectedCloseDate: new Date(t + 60 * DAY).toISOString().slice(0, 10),
        occurredAt: iso(),
        now,
      });
    } else {
      onDeal({
        type: 'OpenDeal',
        dealId,
        title: `Deal ${i}`,
        accountId: `acct${i % Math.max(1, Math.floor(options.deals / 3))}`,
        ownerId: owner,
        amountMinor: Math.round(1000 + rnd() * 99000) * 100,
        pipelineId: 'default',
        pipeline,
        source: rnd() < 0.7 ? pick(SOURCES) : null,
        expectedCloseDate: new Date(t + 90 * DAY).toISOString().slice(0, 10),
        occurredAt: iso(),
        now,
      });
    }
    const stages = pipeline.stages.map((s) => s.id);
    let index = 0;
    for (let move = 0; move < 6 && t < end - 40 * DAY; move++) {
      for (let a = Math.floor(rnd() * 3); a > 0; a--) {
        step(4);
        dealActivity();
      }
      step(10);
      if (rnd() < 0.08) {
        onDeal({
          type: 'ReassignDeal',
          dealId,
          ownerId: pick(REPS.filter((r) => deal.status !== 'none' && r !== deal.ownerId)),
          occurredAt: iso(),
          now,
        });
        step(1);
      }
      const r = rnd();
      if (r < 0.15) break; // stays open
      if (r < 0.35 || index === stages.length - 1) {
        const won = rnd() < 0.45;
        onDeal({
          type: 'CloseDeal',
          dealId,
          outcome: won ? 'won' : 'lost',
          reason: won ? null : pick(REASONS),
          competitor: won ? null : rnd() < 0.5 ? 'Globex' : null,
          occurredAt: iso(),
          now,
        });
        if (won || rnd() > 0.15) break;
        step(20);
        onDeal({ type: 'ReopenDeal', dealId, pipeline, occurredAt: iso(), now });
        continue;
      }
      const backward = index > 0 && rnd() < 0.15;
      index = backward ? index - 1 : Math.min(stages.length - 1, index + 1 + (rnd() < 0.1 ? 1 : 0));
      if (stages[index] !== (deal.status === 'open' ? deal.stageId : ''))
        onDeal({ type: 'AdvanceStage', dealId, stageId: stages[index], pipeline, occurredAt: iso(), now });
    }
  }
  return appends.sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0));
}

type Appendable = {
  append: (
    stream: string,
    events: {
      id: string;
      type: string;
      data: Record<string, unknown>;
      metadata: Record<string, unknown> & {
        recordedAt: string;
        commandId: string;
        correlationId: string;
        causationId: string;
        actorId: string | null;
        principal: string;
        schemaVersion: number;
      };
    }[],
    expected: 'any',
  ) => Promise<unknown>;
};

let ids = 0;
/** Appends a generated history, many appends in flight at once (they share commits). */
export async function appendHistory(
  store: Appendable,
  appends: HistoryAppend[],
  inFlight = 500,
): Promise<number> {
  let count = 0;
  for (let i = 0; i < appends.length; i += inFlight) {
    await Promise.all(
      appends.slice(i, i + inFlight).map((append) => {
        count += append.events.length;
        return store.append(
          append.stream,
          append.events.map((event) => ({
            id: `h${++ids}-${Math.random().toString(36).slice(2, 10)}`,
            type: event.type,
            data: event.data as Record<string, unknown>,
            metadata: {
              recordedAt: append.at,
              commandId: `c${ids}`,
              correlationId: `c${ids}`,
              causationId: `c${ids}`,
              actorId: null,
              principal: 'history',
              schemaVersion: 1,
            },
          })),
          'any',
        );
      }),
    );
  }
  return count;
}
