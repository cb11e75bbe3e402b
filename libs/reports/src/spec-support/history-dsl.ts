import type { ProjectedEvent } from '@sales/projections';
import type { DemoAction, StageSpec } from '../demo/demo-actions.js';
import { historyEvents } from '../demo/history-events.js';

// Fixture histories for report specs, written as the commands a team would send and decided by
// the real deciders (so every event is one the engine could have written). Day n is 2026-01-01
// plus n days; `at(n, h)` adds h hours.
export const at = (day: number, hours = 0): string =>
  new Date(Date.UTC(2026, 0, 1) + day * 86_400_000 + hours * 3_600_000).toISOString();

export const NOW = '2026-12-31T00:00:00.000Z';

type Opts<K extends DemoAction['kind']> = Partial<
  Omit<Extract<DemoAction, { kind: K }>, 'kind' | 'at' | 'root'>
>;

export const pipeline = (pipelineId: string, day: number, stages: [string, number][]): DemoAction => ({
  kind: 'definePipeline',
  at: at(day),
  root: `pipeline-${pipelineId}`,
  pipelineId,
  name: pipelineId,
  stages: stages.map(([id, probability]): StageSpec => ({ id, name: id, probability })),
});

export const open = (dealId: string, time: string, o: Opts<'openDeal'> = {}): DemoAction => ({
  kind: 'openDeal',
  at: time,
  root: dealId,
  dealId,
  title: dealId,
  accountId: dealId,
  ownerId: 'ann',
  amountMinor: 100_000,
  pipelineId: 'default',
  source: null,
  expectedCloseDate: '2026-12-31',
  ...o,
});

export const move = (dealId: string, time: string, stageId: string): DemoAction => ({
  kind: 'advanceStage',
  at: time,
  root: dealId,
  dealId,
  stageId,
});

export const win = (dealId: string, time: string, amountMinor: number | null = null): DemoAction => ({
  kind: 'closeDeal',
  at: time,
  root: dealId,
  dealId,
  outcome: 'won',
  reason: null,
  competitor: null,
  amountMinor,
});

export const lose = (
  dealId: string,
  time: string,
  reason = 'price',
  competitor: string | null = null,
): DemoAction => ({
  kind: 'closeDeal',
  at: time,
  root: dealId,
  dealId,
  outcome: 'lost',
  reason,
  competitor,
  amountMinor: null,
});

export const reopen = (dealId: string, time: string): DemoAction => ({
  kind: 'reopenDeal',
  at: time,
  root: dealId,
  dealId,
});

export const reassign = (dealId: string, time: string, ownerId: string): DemoAction => ({
  kind: 'reassignDeal',
  at: time,
  root: dealId,
  dealId,
  ownerId,
});

export const update = (
  dealId: string,
  time: string,
  o: { amountMinor?: number; expectedCloseDate?: string | null },
): DemoAction => ({
  kind: 'updateDeal',
  at: time,
  root: dealId,
  dealId,
  ...o,
});

let activities = 0;
export const activity = (
  entity: 'lead' | 'deal',
  id: string,
  time: string,
  type: Extract<DemoAction, { kind: 'logActivity' }>['type'] = 'call',
  performedBy: string | null = null,
): DemoAction => ({
  kind: 'logActivity',
  at: time,
  root: id,
  entity,
  id,
  activityId: `act-${++activities}`,
  type,
  performedBy,
  outcome: null,
});

export const capture = (leadId: string, time: string, o: Opts<'captureLead'> = {}): DemoAction => ({
  kind: 'captureLead',
  at: time,
  root: leadId,
  leadId,
  source: 'webinar',
  company: leadId,
  contact: leadId,
  ownerId: 'ann',
  ...o,
});

export const convert = (
  leadId: string,
  dealId: string,
  time: string,
  o: Opts<'convertLead'> = {},
): DemoAction => ({
  kind: 'convertLead',
  at: time,
  root: leadId,
  leadId,
  dealId,
  title: dealId,
  accountId: dealId,
  amountMinor: 100_000,
  pipelineId: 'default',
  expectedCloseDate: '2026-12-31',
  ...o,
});

export const disqualify = (leadId: string, time: string, reason = 'no-fit'): DemoAction => ({
  kind: 'disqualifyLead',
  at: time,
  root: leadId,
  leadId,
  reason,
});

export const quota = (ownerId: string, period: string, time: string, amountMinor: number): DemoAction => ({
  kind: 'setQuota',
  at: time,
  root: `quota-${ownerId}-${period}`,
  ownerId,
  period,
  amountMinor,
});

// The events of a history, numbered as a store would (the default pipeline first).
export function eventsOf(actions: DemoAction[]): ProjectedEvent[] {
  const events: ProjectedEvent[] = [];
  // Recorded as soon as it happened: at the latest business time the log has reached, so that an
  // event dated before an earlier one is a backdated entry, recorded after the fact.
  let recordedAt = '';
  for (const append of historyEvents(actions, { now: NOW }))
    for (const event of append.events) {
      const occurredAt = String(event.data.occurredAt);
      if (occurredAt > recordedAt) recordedAt = occurredAt;
      events.push({
        type: event.type,
        stream: append.stream,
        position: events.length + 1,
        data: event.data,
        recordedAt,
      });
    }
  return events;
}
