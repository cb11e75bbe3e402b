import type { DealEvent } from '../../../../libs/domain/src/deal/deal.events.js';
import { assertNever } from '../assert-never.js';
import { fmt } from '../dom.js';

// A deal's event told as an auditor reads it: one sentence, and the fields it changed (before →
// after). The raw event stays one click away in the view; this only reads it.

export type FieldChange = { field: string; from: string; to: string };
export type Story = { sentence: string; changes: FieldChange[] };

const KNOWN: readonly string[] = [
  'DealOpened',
  'DealStageAdvanced',
  'ActivityLogged',
  'DealWon',
  'DealLost',
  'DealReopened',
  'DealReassigned',
  'DealUpdated',
] satisfies DealEvent['type'][];

// Amounts are kept in minor units in events; shown as the API returns them (2 decimals).
const money = (minor: number | null | undefined) =>
  minor === null || minor === undefined ? '—' : fmt.money(minor / 100);

export function storyOf(type: string, data: Record<string, unknown>, stage: (id: string) => string): Story {
  if (!KNOWN.includes(type))
    return { sentence: `${type} (an event this page does not describe)`, changes: [] };
  const event = { type, data } as DealEvent;
  switch (event.type) {
    case 'DealOpened': {
      const d = event.data;
      return {
        sentence: `Opened for ${d.ownerId} in ${stage(d.stageId)} (pipeline ${d.pipelineId})${d.leadId ? `, converted from lead ${d.leadId}` : ''}`,
        changes: [
          { field: 'amount', from: '—', to: money(d.amountMinor) },
          { field: 'expected close', from: '—', to: fmt.text(d.expectedCloseDate) },
          { field: 'owner', from: '—', to: d.ownerId },
          { field: 'stage', from: '—', to: stage(d.stageId) },
        ],
      };
    }
    case 'DealStageAdvanced': {
      const d = event.data;
      return {
        sentence: `Moved ${d.direction === 'forward' ? 'forward' : 'back'} from ${stage(d.from)} to ${stage(d.to)}`,
        changes: [{ field: 'stage', from: stage(d.from), to: stage(d.to) }],
      };
    }
    case 'ActivityLogged': {
      const d = event.data;
      return {
        sentence: `Activity: ${d.type.replace('_', ' ')} by ${d.performedBy}${d.outcome ? `: ${d.outcome}` : ''}${d.notes ? ` (${d.notes})` : ''}`,
        changes: [],
      };
    }
    case 'DealWon': {
      const d = event.data;
      return {
        sentence: `Won in ${stage(d.stageId)} at ${money(d.amountMinor)}${d.reason ? `: ${d.reason}` : ''}`,
        changes: [{ field: 'status', from: 'open', to: 'won' }],
      };
    }
    case 'DealLost': {
      const d = event.data;
      return {
        sentence: `Lost in ${stage(d.stageId)}: ${d.reason}${d.competitor ? `, to ${d.competitor}` : ''}`,
        changes: [{ field: 'status', from: 'open', to: 'lost' }],
      };
    }
    case 'DealReopened': {
      const d = event.data;
      return {
        sentence: `Reopened in ${stage(d.stageId)} (lost for ${d.lostReason})`,
        changes: [{ field: 'status', from: 'lost', to: 'open' }],
      };
    }
    case 'DealReassigned': {
      const d = event.data;
      return {
        sentence: `Reassigned from ${d.from} to ${d.to}`,
        changes: [{ field: 'owner', from: d.from, to: d.to }],
      };
    }
    case 'DealUpdated': {
      const c = event.data.changes;
      const changes: FieldChange[] = [
        ...(c.title ? [{ field: 'title', from: c.title.from, to: c.title.to }] : []),
        ...(c.amountMinor
          ? [{ field: 'amount', from: money(c.amountMinor.from), to: money(c.amountMinor.to) }]
          : []),
        ...(c.expectedCloseDate
          ? [
              {
                field: 'expected close',
                from: fmt.text(c.expectedCloseDate.from),
                to: fmt.text(c.expectedCloseDate.to),
              },
            ]
          : []),
      ];
      return { sentence: `Updated ${changes.map((x) => x.field).join(', ') || 'nothing'}`, changes };
    }
    default:
      return assertNever(event);
  }
}
