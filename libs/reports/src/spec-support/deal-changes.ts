import type { DemoAction } from '../demo/demo-actions.js';
import { random } from '../demo/random.js';

const DAY = 86_400_000;
const isoDate = (t: number) => new Date(t).toISOString().slice(0, 10);

type Deal = {
  dealId: string;
  ownerId: string;
  amountMinor: number;
  expectedCloseDate: string | null;
  open: boolean;
};

// More of what moves an open pipeline: reassignments, amount changes and expectedCloseDate moves,
// slipped into a history while a deal is open, between two of its actions (so its own order
// holds), each different from what it replaces and from what its later actions set. The same
// seed gives the same changes; `rate` is the chance of one after each action of an open deal.
export function withDealChanges(
  actions: DemoAction[],
  options: { seed: number; rate: number; owners: string[]; end: string },
): DemoAction[] {
  const rnd = random(options.seed);
  const leadOwner = new Map<string, string>();
  const byRoot = new Map<string, DemoAction[]>();
  for (const action of actions) byRoot.set(action.root, [...(byRoot.get(action.root) ?? []), action]);
  const extra: DemoAction[] = [];
  for (const [root, chain] of byRoot) {
    let deal: Deal | null = null;
    chain.forEach((action, i) => {
      if (action.kind === 'captureLead') leadOwner.set(action.leadId, action.ownerId);
      if (action.kind === 'openDeal' || action.kind === 'convertLead')
        deal = {
          dealId: action.dealId,
          ownerId: action.kind === 'openDeal' ? action.ownerId : (leadOwner.get(action.leadId) as string),
          amountMinor: action.amountMinor,
          expectedCloseDate: action.expectedCloseDate,
          open: true,
        };
      if (!deal) return;
      const d: Deal = deal;
      if (action.kind === 'closeDeal') d.open = false;
      if (action.kind === 'reopenDeal') d.open = true;
      if (action.kind === 'reassignDeal') d.ownerId = action.ownerId;
      if (action.kind === 'updateDeal') {
        if (action.amountMinor !== undefined) d.amountMinor = action.amountMinor;
        if (action.expectedCloseDate !== undefined) d.expectedCloseDate = action.expectedCloseDate;
      }
      const [after, before] = [Date.parse(action.at), Date.parse(chain[i + 1]?.at ?? options.end)];
      if (!d.open || before - after < 2 || !rnd.chance(options.rate)) return;
      const t = after + rnd.int(1, before - after - 1);
      const base = { at: new Date(t).toISOString(), root, dealId: d.dealId };
      const later = chain.slice(i + 1);
      const nextOwner = later.find((a) => a.kind === 'reassignDeal')?.ownerId;
      const taken = new Set(
        later.flatMap((a) => (a.kind === 'updateDeal' ? [a.amountMinor, a.expectedCloseDate] : [])),
      );
      const kind = rnd.int(0, 2);
      if (kind === 0) {
        const others = options.owners.filter((o) => o !== d.ownerId && o !== nextOwner);
        d.ownerId = rnd.pick(others);
        extra.push({ ...base, kind: 'reassignDeal', ownerId: d.ownerId });
      } else if (kind === 1) {
        const change = rnd.int(1, 50) * 1000 * (rnd.chance(0.5) ? 1 : -1);
        d.amountMinor = d.amountMinor + change < 0 ? d.amountMinor + 500 : d.amountMinor + change;
        while (taken.has(d.amountMinor)) d.amountMinor += 1;
        extra.push({ ...base, kind: 'updateDeal', amountMinor: d.amountMinor });
      } else {
        let date = isoDate(t + rnd.int(-10, 30) * DAY);
        for (let shift = 31; date === d.expectedCloseDate || taken.has(date); shift++)
          date = isoDate(t + shift * DAY);
        d.expectedCloseDate = date;
        extra.push({ ...base, kind: 'updateDeal', expectedCloseDate: date });
      }
    });
  }
  // Strictly between two actions of its deal, so sorting by time keeps every deal's order.
  return [...actions, ...extra]
    .map((action, i) => ({ action, i, t: Date.parse(action.at) }))
    .sort((a, b) => a.t - b.t || a.i - b.i)
    .map(({ action }) => action);
}
