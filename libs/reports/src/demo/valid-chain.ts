import { DEMO_REPS, type Timed } from './demo-deal.js';

type DealSim = {
  status: 'open' | 'won' | 'lost';
  ownerId: string;
  amountMinor: number;
  expectedCloseDate: string | null;
};

// Replays one chain's lifecycle and drops the extras that its state refuses at their place (an
// update after the close, an update that changes nothing); a reassignment to the current owner
// goes to the next rep instead.
export function validChain(entries: Timed[]): Timed[] {
  let lead: { ownerId: string } | null = null;
  let deal: DealSim | null = null;
  const kept: Timed[] = [];
  for (const entry of entries) {
    const body = entry.body;
    switch (body.kind) {
      case 'captureLead':
        lead = { ownerId: body.ownerId };
        break;
      case 'convertLead':
        deal = {
          status: 'open',
          ownerId: (lead as { ownerId: string }).ownerId,
          amountMinor: body.amountMinor,
          expectedCloseDate: body.expectedCloseDate,
        };
        break;
      case 'openDeal':
        deal = {
          status: 'open',
          ownerId: body.ownerId,
          amountMinor: body.amountMinor,
          expectedCloseDate: body.expectedCloseDate,
        };
        break;
      case 'closeDeal':
        if (deal) deal.status = body.outcome;
        break;
      case 'reopenDeal':
        if (deal) deal.status = 'open';
        break;
      case 'reassignDeal': {
        if (!deal) continue;
        const ownerId =
          body.ownerId === deal.ownerId
            ? DEMO_REPS[(DEMO_REPS.indexOf(body.ownerId) + 1) % DEMO_REPS.length]
            : body.ownerId;
        deal.ownerId = ownerId;
        kept.push({ t: entry.t, body: { ...body, ownerId } });
        continue;
      }
      case 'updateDeal': {
        if (!deal || deal.status !== 'open') continue;
        const amountChanges = body.amountMinor !== undefined && body.amountMinor !== deal.amountMinor;
        const dateChanges =
          body.expectedCloseDate !== undefined && body.expectedCloseDate !== deal.expectedCloseDate;
        if (!amountChanges && !dateChanges) continue;
        if (body.amountMinor !== undefined) deal.amountMinor = body.amountMinor;
        if (body.expectedCloseDate !== undefined) deal.expectedCloseDate = body.expectedCloseDate;
        break;
      }
      default:
        break;
    }
    kept.push(entry);
  }
  return kept;
}
