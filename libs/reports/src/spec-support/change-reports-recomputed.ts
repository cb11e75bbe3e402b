import { money } from '../money.js';
import { ascending, percentile } from '../percentile.js';
import type { CompletedVisit, DealFacts, DealUpdate, History } from './deal-facts.js';
import { stageIdsAt } from './deal-facts.js';

// slippage, stuck-deals and customer-value worked out the long way from a folded history, as the
// contract words them (§4b), to hold the engine's answers against.

export type Cut = { from: string; to: string };
export type Narrowing = { ownerId: string | null; source: string | null; pipelineId: string | null };

const DAY = 86_400_000;
const sourceOf = (source: string | null) => source ?? 'unknown';
const byKey = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
const narrowed = (n: Narrowing, ownerId: string, source: string | null) =>
  (n.ownerId === null || n.ownerId === ownerId) && (n.source === null || n.source === sourceOf(source));
const sortedGroups = <T>(rows: T[], key: (row: T) => string): [string, T[]][] => {
  const groups = new Map<string, T[]>();
  for (const row of rows) groups.set(key(row), [...(groups.get(key(row)) ?? []), row]);
  return [...groups.entries()].sort(([a], [b]) => byKey(a, b));
};

function slippageFigures(updates: DealUpdate[]) {
  let pushes = 0;
  let pullIns = 0;
  let daysPushed = 0;
  let up = 0;
  let down = 0;
  let amountIncreases = 0;
  let amountDecreases = 0;
  for (const { expectedCloseDate: date, amountMinor: amount } of updates) {
    if (date && date.from !== null && date.to !== null) {
      const days = (Date.parse(date.to) - Date.parse(date.from)) / DAY;
      if (days > 0) {
        pushes++;
        daysPushed += days;
      } else if (days < 0) pullIns++;
    } else if (date && date.from !== null) pushes++;
    else if (date && date.to !== null) pullIns++;
    if (amount && amount.to > amount.from) {
      amountIncreases++;
      up += amount.to - amount.from;
    } else if (amount && amount.to < amount.from) {
      amountDecreases++;
      down += amount.from - amount.to;
    }
  }
  return {
    pushes,
    pullIns,
    daysPushed,
    amountIncreases,
    amountDecreases,
    increasedAmount: money(up),
    decreasedAmount: money(down),
  };
}

export function recomputedSlippage(history: History, cut: Cut, n: Narrowing) {
  const updates = history.updates.filter(
    (u) =>
      u.occurredAt >= cut.from &&
      u.occurredAt < cut.to &&
      (n.pipelineId === null || u.pipelineId === n.pipelineId) &&
      narrowed(n, u.ownerId, u.source),
  );
  const deals = sortedGroups(updates, (u) => u.dealId)
    .map(([dealId, own]) => {
      const dated = own.filter((u) => u.expectedCloseDate !== null);
      const figures = slippageFigures(own);
      return {
        dealId,
        ownerId: own[own.length - 1].ownerId,
        pushes: figures.pushes,
        daysPushed: figures.daysPushed,
        firstExpectedCloseDate: dated[0]?.expectedCloseDate?.from ?? null,
        lastExpectedCloseDate: dated[dated.length - 1]?.expectedCloseDate?.to ?? null,
      };
    })
    .filter((d) => d.pushes > 0)
    .sort((a, b) => b.daysPushed - a.daysPushed || b.pushes - a.pushes || byKey(a.dealId, b.dealId));
  return {
    ...slippageFigures(updates),
    byOwner: sortedGroups(updates, (u) => u.ownerId).map(([key, own]) => ({ key, ...slippageFigures(own) })),
    deals: deals.slice(0, 50),
  };
}

const p80 = (visits: CompletedVisit[]) =>
  percentile(
    ascending(visits.map((v) => (Date.parse(v.exitedAt) - Date.parse(v.enteredAt)) / DAY)),
    0.8,
  ) as number;

export function recomputedStuckDeals(
  history: History,
  asOf: string,
  lookbackDays: number,
  n: Narrowing & { pipelineId: string },
) {
  const stageIds = stageIdsAt(history, n.pipelineId, asOf);
  if (!stageIds) return { refused: 'UNKNOWN_PIPELINE' };
  const since = new Date(Date.parse(asOf) - lookbackDays * DAY).toISOString();
  const recent = history.visits.filter(
    (v) => v.pipelineId === n.pipelineId && v.exitedAt >= since && v.exitedAt < asOf,
  );
  const thresholds: { stageId: string; ownerId: string | null; sample: number; p80Days: number }[] = [];
  for (const stageId of stageIds) {
    const visits = recent.filter((v) => v.stageId === stageId);
    if (visits.length >= 10)
      thresholds.push({ stageId, ownerId: null, sample: visits.length, p80Days: p80(visits) });
    for (const [ownerId, own] of sortedGroups(visits, (v) => v.ownerId))
      if (own.length >= 10 && (n.ownerId === null || n.ownerId === ownerId))
        thresholds.push({ stageId, ownerId, sample: own.length, p80Days: p80(own) });
  }
  const open = [...history.deals.values()].filter(
    (d: DealFacts) =>
      d.status === 'open' && d.pipelineId === n.pipelineId && narrowed(n, d.ownerId, d.source),
  );
  let judged = 0;
  const deals = [];
  for (const deal of open) {
    const own = thresholds.find((t) => t.stageId === deal.stageId && t.ownerId === deal.ownerId);
    const threshold = own ?? thresholds.find((t) => t.stageId === deal.stageId && t.ownerId === null);
    if (!threshold) continue;
    judged++;
    const ageDays = (Date.parse(asOf) - Date.parse(deal.visitEnteredAt)) / DAY;
    if (ageDays > threshold.p80Days)
      deals.push({
        dealId: deal.dealId,
        ownerId: deal.ownerId,
        stageId: deal.stageId,
        ageDays,
        thresholdDays: threshold.p80Days,
        basis: own ? 'owner' : 'stage',
        ratio: threshold.p80Days === 0 ? null : ageDays / threshold.p80Days,
      });
  }
  deals.sort(
    (a, b) =>
      (a.ratio === null ? 0 : 1) - (b.ratio === null ? 0 : 1) ||
      (b.ratio ?? 0) - (a.ratio ?? 0) ||
      byKey(a.dealId, b.dealId),
  );
  return { thresholds, deals, judged, notJudged: open.length - judged };
}

type Customer = { accountId: string; first: DealFacts; wins: DealFacts[] };

function valueFigures(customers: Customer[]) {
  const minor = customers.reduce((sum, c) => sum + c.wins.reduce((s, d) => s + d.amountMinor, 0), 0);
  const n = customers.length;
  return {
    accounts: n,
    lifetimeValue: money(minor),
    avgLifetimeValue: n === 0 ? null : money(minor / n),
    repeatRate: n === 0 ? null : customers.filter((c) => c.wins.length >= 2).length / n,
  };
}

export function recomputedCustomerValue(history: History, cut: Cut, n: Narrowing) {
  const won = [...history.deals.values()].filter((d) => d.status === 'won');
  const customers: Customer[] = sortedGroups(won, (d) => d.accountId)
    .map(([accountId, wins]) => {
      const [first] = [...wins].sort(
        (a, b) => byKey(a.closedAt as string, b.closedAt as string) || byKey(a.dealId, b.dealId),
      );
      return { accountId, first, wins };
    })
    .filter(
      ({ first }) =>
        (first.closedAt as string) >= cut.from &&
        (first.closedAt as string) < cut.to &&
        narrowed(n, first.closeOwnerId as string, first.source),
    );
  const value = (c: Customer) => c.wins.reduce((s, d) => s + d.amountMinor, 0);
  const closedAts = (c: Customer) => c.wins.map((d) => d.closedAt as string).sort(byKey);
  return {
    ...valueFigures(customers),
    bySource: sortedGroups(customers, (c) => sourceOf(c.first.source)).map(([key, g]) => ({
      key,
      ...valueFigures(g),
    })),
    byOwner: sortedGroups(customers, (c) => c.first.closeOwnerId as string).map(([key, g]) => ({
      key,
      ...valueFigures(g),
    })),
    top: [...customers]
      .sort((a, b) => value(b) - value(a) || byKey(a.accountId, b.accountId))
      .slice(0, 20)
      .map((c) => ({
        accountId: c.accountId,
        wins: c.wins.length,
        lifetimeValue: money(value(c)),
        firstWonAt: closedAts(c)[0],
        lastWonAt: closedAts(c)[c.wins.length - 1],
      })),
  };
}
