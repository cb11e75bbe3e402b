import type { DealDoc } from '@sales/projections';
import { sourceOf } from './keys.js';
import { money } from './money.js';
import { type Filters, matchesFilters } from './params.js';
import type { Window } from './period.js';

export type PipelineFlowRows = {
  /** The state at `from` of the deals open then in the pipeline (any owner). */
  atFrom: readonly DealDoc[];
  /** The state at `to` of those deals, of the deals open then in the pipeline, and of the deals
   * closed in (from, to]. */
  atTo: readonly DealDoc[];
};
export type PipelineFlowParams = Window & Filters & { pipelineId: string };

export type Flow = { deals: number; amount: number };
export type PipelineFlowReport = {
  start: Flow;
  end: Flow;
  added: Flow;
  movedIn: Flow;
  won: Flow;
  lost: Flow;
  movedOut: Flow;
  increased: Flow;
  decreased: Flow;
  pushed: Flow;
  openedAndClosed: { won: number; lost: number };
};

/** The waterfall's movements, each a count of deals and their amount in the report. */
export const MOVEMENTS = [
  'start',
  'end',
  'added',
  'movedIn',
  'won',
  'lost',
  'movedOut',
  'increased',
  'decreased',
  'pushed',
] as const;
type Movement = (typeof MOVEMENTS)[number];

// A calendar date counts from its 00:00Z.
const dayStart = (date: string | null): string | null => (date === null ? null : `${date}T00:00:00.000Z`);

// The waterfall from the open pipeline at `from` to the one at `to`: every deal open in the
// population at either instant falls in exactly one movement, so that, in minor units,
// end = start + added + movedIn + increased − decreased − won − lost − movedOut.
export function pipelineFlowReport(rows: PipelineFlowRows, params: PipelineFlowParams): PipelineFlowReport {
  const openInPipeline = (deal: DealDoc | undefined): boolean =>
    deal !== undefined && deal.status === 'open' && deal.pipelineId === params.pipelineId;
  const inPopulation = (deal: DealDoc | undefined): boolean =>
    deal !== undefined && openInPipeline(deal) && matchesFilters(params, deal.ownerId, sourceOf(deal));

  const minor = new Map<Movement, { deals: number; minor: number }>(
    MOVEMENTS.map((m) => [m, { deals: 0, minor: 0 }]),
  );
  const count = (movement: Movement, amountMinor: number) => {
    const figures = minor.get(movement) as { deals: number; minor: number };
    figures.deals += 1;
    figures.minor += amountMinor;
  };
  const openedAndClosed = { won: 0, lost: 0 };

  const before = new Map(rows.atFrom.map((deal) => [deal.dealId, deal]));
  const after = new Map(rows.atTo.map((deal) => [deal.dealId, deal]));
  for (const dealId of new Set([...before.keys(), ...after.keys()])) {
    const then = before.get(dealId);
    const now = after.get(dealId);
    const wasIn = inPopulation(then) ? (then as DealDoc) : null;
    const isIn = inPopulation(now) ? (now as DealDoc) : null;
    if (wasIn) count('start', wasIn.amountMinor);
    if (isIn) count('end', isIn.amountMinor);
    if (wasIn && isIn) {
      const change = isIn.amountMinor - wasIn.amountMinor;
      if (change > 0) count('increased', change);
      if (change < 0) count('decreased', -change);
      const was = dayStart(wasIn.expectedCloseDate);
      const is = dayStart(isIn.expectedCloseDate);
      if (was !== null && is !== null && was < params.to && params.to <= is)
        count('pushed', isIn.amountMinor);
    } else if (wasIn) {
      if (now === undefined) throw new Error(`deal ${dealId} has no state at ${params.to}`);
      if (openInPipeline(now)) count('movedOut', wasIn.amountMinor);
      else count(now.status === 'won' ? 'won' : 'lost', wasIn.amountMinor);
    } else if (isIn) {
      count(openInPipeline(then) ? 'movedIn' : 'added', isIn.amountMinor);
    } else if (now !== undefined && openedAndClosedInside(now, params)) {
      openedAndClosed[now.status === 'won' ? 'won' : 'lost'] += 1;
    }
  }

  const flow = (movement: Movement): Flow => {
    const figures = minor.get(movement) as { deals: number; minor: number };
    return { deals: figures.deals, amount: money(figures.minor) };
  };
  return {
    ...(Object.fromEntries(MOVEMENTS.map((m) => [m, flow(m)])) as Record<Movement, Flow>),
    openedAndClosed,
  };
}

// Opened and closed inside (from, to], in the pipeline, matching the filters by the owner at close.
function openedAndClosedInside(deal: DealDoc, params: PipelineFlowParams): boolean {
  const inside = (at: string | null) => at !== null && at > params.from && at <= params.to;
  return (
    deal.status !== 'open' &&
    deal.pipelineId === params.pipelineId &&
    inside(deal.openedAt) &&
    inside(deal.closedAt) &&
    matchesFilters(params, deal.closeOwnerId ?? deal.ownerId, sourceOf(deal))
  );
}
