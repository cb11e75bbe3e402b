import { DEFAULT_PIPELINE } from '@sales/domain';
import type { DemoAction, StageSpec } from './demo-actions.js';
import { planOpportunity, type PlanContext } from './demo-deal.js';
import { type Chain, quotaChains, wonByRepQuarter } from './demo-quotas.js';
import { random } from './random.js';
import { validChain } from './valid-chain.js';

export * from './demo-actions.js';
export { DEMO_ENGINEER, DEMO_REPS, DEMO_SOURCES } from './demo-deal.js';

const DAY = 86_400_000;

export type DemoOptions = {
  /** How many deals the history opens (leads that are never converted come on top). */
  deals: number;
  seed: number;
  /** The history ends here (ISO timestamp); nothing happens after it. */
  end: string;
  /** Length of the history in days (default 548: 18 months). */
  days?: number;
  /** Times are truncated to multiples of this (default 1 s); a day gives many ties. */
  tickMs?: number;
  /** Prefix of every lead and deal id (default `s<seed>-`). */
  prefix?: string;
  /** Opportunities spread evenly over the history (default: denser towards its end, a growing team). */
  even?: boolean;
};

export type DemoHistory = { start: string; end: string; actions: DemoAction[] };

const ENTERPRISE_V1: StageSpec[] = [
  { id: 'discovery', name: 'Discovery', probability: 0.1 },
  { id: 'demo', name: 'Demo', probability: 0.3 },
  { id: 'proposal', name: 'Proposal', probability: 0.6 },
  { id: 'negotiation', name: 'Negotiation', probability: 0.85 },
];
// Half-way through, a security review enters before negotiation: reports as of earlier dates keep
// the first definition.
const ENTERPRISE_V2: StageSpec[] = [
  ...ENTERPRISE_V1.slice(0, 2),
  { id: 'proposal', name: 'Proposal', probability: 0.55 },
  { id: 'security-review', name: 'Security review', probability: 0.7 },
  { id: 'negotiation', name: 'Negotiation', probability: 0.9 },
];
const COMPANIES = [
  'Acme',
  'Globex',
  'Initech',
  'Umbrella',
  'Stark',
  'Wayne',
  'Tyrell',
  'Cyberdyne',
  'Soylent',
  'Wonka',
];
const SUFFIXES = ['Ltd', 'GmbH', 'Inc', 'SA', 'KK', 'AB', 'Oy', 'BV'];

// A realistic sales history, decided nowhere yet: the actions a team would have taken, in
// business-time order, each valid against the state the earlier ones leave. The same options
// always give the same history.
export function demoHistory(options: DemoOptions): DemoHistory {
  const rnd = random(options.seed);
  const tick = options.tickMs ?? 1000;
  const endMs = Math.floor(Date.parse(options.end) / tick) * tick;
  const startMs = endMs - (options.days ?? 548) * DAY;
  const prefix = options.prefix ?? `s${options.seed}-`;
  // On the tick grid like every other action: a deal action at or after it, floored to its tick,
  // must not land before the redefinition whose stages it was planned against.
  const redefinedAt = Math.floor((startMs + Math.round((endMs - startMs) * 0.45)) / tick) * tick;
  const accounts = Math.max(3, Math.round(options.deals * 0.7));
  const ctx: PlanContext = {
    rnd,
    endMs,
    stagesAt: (pipelineId, t) =>
      pipelineId === 'default' ? DEFAULT_PIPELINE.stages : t < redefinedAt ? ENTERPRISE_V1 : ENTERPRISE_V2,
    company: () => {
      const n = rnd.int(0, accounts - 1);
      return {
        accountId: `${prefix}acct-${n}`,
        company: `${COMPANIES[n % COMPANIES.length]} ${SUFFIXES[Math.floor(n / COMPANIES.length) % SUFFIXES.length]} ${n}`,
      };
    },
  };
  const chains: Chain[] = [
    {
      root: 'pipeline-enterprise',
      entries: [
        {
          t: startMs,
          body: {
            kind: 'definePipeline',
            pipelineId: 'enterprise',
            name: 'Enterprise',
            stages: ENTERPRISE_V1,
          },
        },
        {
          t: redefinedAt,
          body: {
            kind: 'definePipeline',
            pipelineId: 'enterprise',
            name: 'Enterprise',
            stages: ENTERPRISE_V2,
          },
        },
      ],
    },
  ];
  const opportunities: Chain[] = [];
  let deals = 0;
  for (let i = 0; deals < options.deals; i++) {
    const id = `${prefix}${String(i + 1).padStart(4, '0')}`;
    const fromLead = rnd.chance(0.7);
    const u = rnd.next();
    const at = startMs + Math.round((options.even ? u : Math.sqrt(u)) * (endMs - startMs - DAY));
    const { main, extras } = planOpportunity(ctx, { id, at, fromLead });
    const entries = [...main, ...extras].map((e) => ({ ...e, t: Math.floor(e.t / tick) * tick }));
    // Stable: on equal times the lifecycle step comes before the extra that was drawn beside it.
    entries.sort((a, b) => a.t - b.t);
    const chain = validChain(entries);
    if (chain.some((e) => e.body.kind === 'openDeal' || e.body.kind === 'convertLead')) deals++;
    opportunities.push({ root: id, entries: chain });
  }
  // Not push(...): a spread of this many arguments overflows the stack.
  for (const chain of [...quotaChains(rnd, startMs, endMs, wonByRepQuarter(opportunities)), ...opportunities])
    chains.push(chain);
  const actions = chains
    .flatMap(({ root, entries }) => entries.map((e) => ({ t: e.t, root, body: e.body })))
    .sort((a, b) => a.t - b.t)
    .map(({ t, root, body }) => ({ ...body, at: new Date(t).toISOString(), root }) as DemoAction);
  return { start: new Date(startMs).toISOString(), end: new Date(endMs).toISOString(), actions };
}
