import type { ActivityType } from '@sales/domain';
import type { DemoAction, StageSpec } from './demo-actions.js';
import { outlookOf, renegotiation, slipsBetween } from './demo-slips.js';
import type { Random } from './random.js';

const DAY = 86_400_000;
const HOUR = 3_600_000;

export const DEMO_REPS = ['rep-ann', 'rep-bo', 'rep-cy', 'rep-dee', 'rep-eli', 'rep-fay'];
export const DEMO_ENGINEER = 'se-kim';
export const DEMO_SOURCES = ['webinar', 'ads', 'referral', 'partner', 'outbound', 'event'];
const LOSS_REASONS = ['price', 'timing', 'competitor', 'no-budget', 'no-decision', 'lost-champion'];
const COMPETITORS = ['Globex', 'Initech', 'Umbrella', 'Hooli'];
const DISQUALIFY_REASONS = ['no-fit', 'student', 'duplicate', 'no-budget'];
const ACTIVITY_MIX: ActivityType[] = [
  'call',
  'call',
  'email',
  'email',
  'meeting',
  'demo',
  'quote_sent',
  'note',
  'task',
];

type Body = DemoAction extends infer A ? (A extends DemoAction ? Omit<A, 'at' | 'root'> : never) : never;
export type Timed = { t: number; body: Body };

export type PlanContext = {
  rnd: Random;
  endMs: number;
  stagesAt: (pipelineId: string, t: number) => StageSpec[];
  company: () => { accountId: string; company: string };
};

const isoDate = (t: number) => new Date(t).toISOString().slice(0, 10);
const dwell = (rnd: Random) => Math.round((1 + rnd.next() * rnd.next() * 24) * DAY * (0.5 + rnd.next()));
const cents = (rnd: Random, min: number, max: number) =>
  rnd.int(min, max) * 100 + (rnd.chance(0.2) ? rnd.int(1, 99) : 0);

export type Opportunity = { id: string; at: number; fromLead: boolean };

// One opportunity: a lead (captured, worked, converted or disqualified) and/or the deal, moving
// through its pipeline forward and back until won, lost (sometimes reopened) or still open at the end.
export function planOpportunity(ctx: PlanContext, op: Opportunity): { main: Timed[]; extras: Timed[] } {
  const { rnd } = ctx;
  const main: Timed[] = [];
  const extras: Timed[] = [];
  const owner = rnd.pick(DEMO_REPS);
  const { accountId, company } = ctx.company();
  const enterprise = rnd.chance(0.3);
  const pipelineId = enterprise ? 'enterprise' : 'default';
  const amountMinor = enterprise ? cents(rnd, 40_000, 400_000) : cents(rnd, 2_000, 60_000);
  const title = `${company}, ${rnd.int(5, 500)} seats`;
  const dealId = `${op.id}-deal`;
  let t = op.at;
  let expectedCloseDate: string;
  if (op.fromLead) {
    const leadId = `${op.id}-lead`;
    const source = rnd.pick(DEMO_SOURCES);
    main.push({
      t,
      body: { kind: 'captureLead', leadId, source, company, contact: `Contact ${op.id}`, ownerId: owner },
    });
    const touches = rnd.int(0, 3);
    for (let i = 0; i < touches; i++) {
      t += rnd.int(1, i === 0 ? 120 : 72) * HOUR;
      if (t > ctx.endMs) return { main, extras };
      const type: ActivityType = rnd.pick(['call', 'email', 'meeting']);
      main.push({
        t,
        body: {
          kind: 'logActivity',
          entity: 'lead',
          id: leadId,
          activityId: `a${i + 1}`,
          type,
          performedBy: null,
          outcome: rnd.pick(['interested', 'no answer', 'follow-up', null]),
        },
      });
    }
    t += rnd.int(1, 20) * DAY;
    const fate = rnd.next();
    if (t > ctx.endMs || fate > 0.62) {
      if (t <= ctx.endMs && fate > 0.85)
        main.push({ t, body: { kind: 'disqualifyLead', leadId, reason: rnd.pick(DISQUALIFY_REASONS) } });
      return { main, extras };
    }
    expectedCloseDate = isoDate(t + rnd.int(30, 120) * DAY);
    main.push({
      t,
      body: {
        kind: 'convertLead',
        leadId,
        dealId,
        title,
        accountId,
        amountMinor,
        pipelineId,
        expectedCloseDate,
      },
    });
  } else {
    const source = rnd.chance(0.75) ? rnd.pick(DEMO_SOURCES) : null;
    expectedCloseDate = isoDate(t + rnd.int(30, 120) * DAY);
    main.push({
      t,
      body: {
        kind: 'openDeal',
        dealId,
        title,
        accountId,
        ownerId: owner,
        amountMinor,
        pipelineId,
        source,
        expectedCloseDate,
      },
    });
  }
  const openedAt = t;
  const outlook = outlookOf(dealId, expectedCloseDate, amountMinor);
  // Some deals stall: one visit drags on for months.
  const stallAt = rnd.chance(0.15) ? rnd.int(0, 3) : -1;
  let stage = ctx.stagesAt(pipelineId, t)[0].id;
  let closedAt: number | null = null;
  for (let steps = 0; ; steps++) {
    const before = t;
    t += steps === stallAt ? rnd.int(40, 160) * DAY : dwell(rnd);
    main.push(...slipsBetween(rnd, outlook, before, Math.min(t, ctx.endMs)));
    if (t > ctx.endMs) break;
    const stages = ctx.stagesAt(pipelineId, t);
    const index = stages.findIndex((s) => s.id === stage);
    const last = stages.length - 1;
    if (rnd.chance(0.12) || steps > 12 || (index === last && rnd.chance(0.3))) {
      const reason = steps > 12 ? 'no-decision' : rnd.pick(LOSS_REASONS);
      const competitor = reason === 'competitor' || rnd.chance(0.2) ? rnd.pick(COMPETITORS) : null;
      main.push({
        t,
        body: { kind: 'closeDeal', dealId, outcome: 'lost', reason, competitor, amountMinor: null },
      });
      closedAt = t;
      const reopenAt = t + rnd.int(3, 40) * DAY;
      if (!rnd.chance(0.15) || reopenAt > ctx.endMs) break;
      t = reopenAt;
      main.push({ t, body: { kind: 'reopenDeal', dealId } });
      closedAt = null;
      continue;
    }
    if (index === last) {
      const final = rnd.chance(0.25)
        ? Math.max(100, Math.round(outlook.amountMinor * (0.85 + rnd.next() * 0.25)))
        : null;
      main.push({
        t,
        body: {
          kind: 'closeDeal',
          dealId,
          outcome: 'won',
          reason: null,
          competitor: null,
          amountMinor: final,
        },
      });
      closedAt = t;
      break;
    }
    const back = index > 0 && rnd.chance(0.15);
    const to = back ? rnd.int(0, index - 1) : Math.min(last, index + (rnd.chance(0.1) ? 2 : 1));
    stage = stages[to].id;
    main.push({ t, body: { kind: 'advanceStage', dealId, stageId: stage } });
    if (!back) main.push(...renegotiation(rnd, outlook, t));
  }
  const lastAt = Math.min(ctx.endMs, closedAt ?? ctx.endMs);
  const span = Math.max(0, lastAt - openedAt);
  const activities = rnd.int(0, 5);
  for (let i = 0; i < activities; i++) {
    const type = rnd.pick(ACTIVITY_MIX);
    const at = Math.min(
      ctx.endMs,
      openedAt + rnd.next() * (span + (closedAt !== null && rnd.chance(0.1) ? 10 * DAY : 0)),
    );
    const performedBy = type === 'demo' ? DEMO_ENGINEER : rnd.chance(0.1) ? rnd.pick(DEMO_REPS) : null;
    extras.push({
      t: at,
      body: {
        kind: 'logActivity',
        entity: 'deal',
        id: dealId,
        activityId: `d${i + 1}`,
        type,
        performedBy,
        outcome: null,
      },
    });
  }
  if (rnd.chance(0.12))
    extras.push({
      t: openedAt + rnd.next() * span,
      body: { kind: 'reassignDeal', dealId, ownerId: rnd.pick(DEMO_REPS) },
    });
  if (rnd.chance(0.15)) {
    const at = openedAt + rnd.next() * span;
    extras.push({
      t: at,
      body: rnd.chance(0.5)
        ? {
            kind: 'updateDeal',
            dealId,
            amountMinor: Math.max(100, Math.round(amountMinor * (0.7 + rnd.next() * 0.6))),
          }
        : { kind: 'updateDeal', dealId, expectedCloseDate: isoDate(at + rnd.int(20, 90) * DAY) },
    });
  }
  return { main, extras };
}
