import type { Timed } from './demo-deal.js';
import type { Random } from './random.js';

const DAY = 86_400_000;

// What a rep has told the system about a deal's close: the expected close date (its 00:00Z) and
// the amount, as the planned updates leave them.
export type DealOutlook = { dealId: string; expectedMs: number; amountMinor: number };

const dateOf = (ms: number) => new Date(ms).toISOString().slice(0, 10);
const midnight = (ms: number) => Math.floor(ms / DAY) * DAY;

export const outlookOf = (dealId: string, expectedCloseDate: string, amountMinor: number): DealOutlook => ({
  dealId,
  expectedMs: Date.parse(`${expectedCloseDate}T00:00:00.000Z`),
  amountMinor,
});

// Between two steps of an open deal, (from, until): once the expected close date has passed, the
// rep pushes it out a few days later, often again and again while the deal drags on.
export function slipsBetween(rnd: Random, outlook: DealOutlook, from: number, until: number): Timed[] {
  const slips: Timed[] = [];
  let at = from;
  while (outlook.expectedMs < until && rnd.chance(0.75)) {
    at = Math.max(at, outlook.expectedMs) + rnd.int(1, 7) * DAY;
    if (at >= until) break;
    outlook.expectedMs = midnight(at + rnd.int(10, 45) * DAY);
    slips.push({
      t: at,
      body: { kind: 'updateDeal', dealId: outlook.dealId, expectedCloseDate: dateOf(outlook.expectedMs) },
    });
  }
  return slips;
}

// On a step forward the deal is sometimes renegotiated: the amount moves (the date with it, now
// and then), or the buyer pulls the close in.
export function renegotiation(rnd: Random, outlook: DealOutlook, at: number): Timed[] {
  if (rnd.chance(0.1)) {
    outlook.amountMinor = Math.max(100, Math.round(outlook.amountMinor * (0.75 + rnd.next() * 0.5)));
    const pushed = rnd.chance(0.3);
    if (pushed) outlook.expectedMs = midnight(Math.max(outlook.expectedMs, at) + rnd.int(14, 30) * DAY);
    return [
      {
        t: at,
        body: {
          kind: 'updateDeal',
          dealId: outlook.dealId,
          amountMinor: outlook.amountMinor,
          ...(pushed ? { expectedCloseDate: dateOf(outlook.expectedMs) } : {}),
        },
      },
    ];
  }
  if (rnd.chance(0.08) && outlook.expectedMs > at + 10 * DAY) {
    outlook.expectedMs = midnight(at + rnd.int(3, 10) * DAY);
    return [
      {
        t: at,
        body: { kind: 'updateDeal', dealId: outlook.dealId, expectedCloseDate: dateOf(outlook.expectedMs) },
      },
    ];
  }
  return [];
}
