import { DEMO_REPS, type Timed } from './demo-deal.js';
import type { Random } from './random.js';

const DAY = 86_400_000;
const MIN_QUOTA = 2_000_000;

export type Chain = { root: string; entries: Timed[] };

const quarterOf = (t: number) => {
  const date = new Date(t);
  return `${date.getUTCFullYear()}-Q${Math.floor(date.getUTCMonth() / 3) + 1}`;
};

// What each rep wins per quarter in the planned history (owner at the close, final amount).
export function wonByRepQuarter(chains: readonly Chain[]): Map<string, number> {
  const won = new Map<string, number>();
  for (const { entries } of chains) {
    let owner = '';
    let amount = 0;
    for (const { t, body } of entries) {
      if (body.kind === 'captureLead' || body.kind === 'openDeal') owner = body.ownerId;
      if (body.kind === 'convertLead' || body.kind === 'openDeal') amount = body.amountMinor;
      if (body.kind === 'updateDeal' && body.amountMinor !== undefined) amount = body.amountMinor;
      if (body.kind === 'reassignDeal') owner = body.ownerId;
      if (body.kind === 'closeDeal' && body.outcome === 'won') {
        const key = `${owner}|${quarterOf(t)}`;
        won.set(key, (won.get(key) ?? 0) + (body.amountMinor ?? amount));
      }
    }
  }
  return won;
}

// Quarterly quotas for every rep, set a few days before the quarter (some revised mid-quarter),
// sized on what the rep and the average rep win that quarter (for the part of it the history
// covers) times 0.7–1.5, so that attainments differ by rep around 1; and a yearly quota, the sum
// of the year's quarters.
export function quotaChains(rnd: Random, startMs: number, endMs: number, won: Map<string, number>): Chain[] {
  const chains: Chain[] = [];
  const first = new Date(startMs);
  for (const ownerId of DEMO_REPS) {
    const years = new Map<number, number>();
    for (let y = first.getUTCFullYear(), q = Math.floor(first.getUTCMonth() / 3); ; q++) {
      if (q === 4) {
        q = 0;
        y++;
      }
      const quarterStart = Date.UTC(y, q * 3, 1);
      if (quarterStart > endMs) break;
      const quarterEnd = Date.UTC(y, q * 3 + 3, 1);
      const covered =
        (Math.min(endMs, quarterEnd) - Math.max(startMs, quarterStart)) / (quarterEnd - quarterStart);
      const period = `${y}-Q${q + 1}`;
      const team = DEMO_REPS.reduce((sum, rep) => sum + (won.get(`${rep}|${period}`) ?? 0), 0);
      const own = won.get(`${ownerId}|${period}`) ?? 0;
      const expected = (own + team / DEMO_REPS.length) / 2 / Math.max(covered, 0.1);
      const amountMinor = Math.max(
        MIN_QUOTA,
        Math.round((expected * (0.7 + rnd.next() * 0.8)) / 100_000) * 100_000,
      );
      years.set(y, (years.get(y) ?? 0) + amountMinor);
      const setAt = Math.max(startMs, quarterStart - 5 * DAY);
      const entries: Timed[] = [{ t: setAt, body: { kind: 'setQuota', ownerId, period, amountMinor } }];
      const revisedAt = quarterStart + 20 * DAY;
      if (rnd.chance(0.2) && revisedAt > setAt && revisedAt <= endMs)
        entries.push({
          t: revisedAt,
          body: {
            kind: 'setQuota',
            ownerId,
            period,
            amountMinor: Math.round((amountMinor * 0.9) / 100_000) * 100_000,
          },
        });
      chains.push({ root: `quota-${ownerId}-${period}`, entries });
    }
    for (const [y, amountMinor] of years)
      chains.push({
        root: `quota-${ownerId}-${y}`,
        entries: [
          {
            t: Math.max(startMs, Date.UTC(y, 0, 1) - 10 * DAY),
            body: { kind: 'setQuota', ownerId, period: String(y), amountMinor },
          },
        ],
      });
  }
  return chains;
}
