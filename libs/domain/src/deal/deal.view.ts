import { isDomainEvent, type RecordedLikeEvent } from '../domain-event.js';
import { assertNever } from '../shared/assert-never.js';
import { fromMinorUnits } from '../shared/money.js';
import type { StageDirection } from './deal.events.js';

export type StageExit = StageDirection | 'won' | 'lost';

export type StageVisit = {
  stageId: string;
  enteredAt: string;
  exitedAt: string | null;
  exit: StageExit | null;
};

export type DealView = {
  dealId: string;
  title: string;
  accountId: string;
  ownerId: string;
  pipelineId: string;
  stageId: string;
  status: 'open' | 'won' | 'lost';
  amount: number;
  openedAt: string;
  closedAt: string | null;
  leadId: string | null;
  source: string | null;
  expectedCloseDate: string | null;
  lossReason: string | null;
  stageHistory: StageVisit[];
  activityCount: number;
  lastActivityAt: string | null;
  version: number;
};

const endVisit = (history: StageVisit[], at: string, exit: StageExit): StageVisit[] =>
  history.map((visit, i) =>
    i === history.length - 1 && visit.exitedAt === null ? { ...visit, exitedAt: at, exit } : visit,
  );

const enterVisit = (history: StageVisit[], stageId: string, at: string): StageVisit[] => [
  ...history,
  { stageId, enteredAt: at, exitedAt: null, exit: null },
];

// The entity read of a deal (contract §3), folded from the deal's own stream. Events of other
// entities are ignored and not counted in `version`, which is the number of events folded.
export const evolveDealView = (view: DealView | null, recorded: RecordedLikeEvent): DealView | null => {
  if (!isDomainEvent(recorded)) return view;
  const event = recorded;
  // A stream opens once; a second opening (a foreign stream folded by mistake) is ignored.
  if (event.type === 'DealOpened') {
    if (view !== null) return view;
    const { dealId, title, accountId, ownerId, pipelineId, stageId, leadId, source, expectedCloseDate } =
      event.data;
    const openedAt = event.data.occurredAt;
    return {
      dealId,
      title,
      accountId,
      ownerId,
      pipelineId,
      stageId,
      status: 'open',
      amount: fromMinorUnits(event.data.amountMinor),
      openedAt,
      closedAt: null,
      leadId,
      source,
      expectedCloseDate,
      lossReason: null,
      stageHistory: enterVisit([], stageId, openedAt),
      activityCount: 0,
      lastActivityAt: null,
      version: 1,
    };
  }
  if (view === null || !('dealId' in event.data) || event.data.dealId !== view.dealId) return view;
  const at = event.data.occurredAt;
  const next = { ...view, version: view.version + 1 };
  switch (event.type) {
    case 'DealStageAdvanced': {
      const history = endVisit(view.stageHistory, at, event.data.direction);
      return { ...next, stageId: event.data.to, stageHistory: enterVisit(history, event.data.to, at) };
    }
    case 'ActivityLogged':
      if (event.data.entity !== 'deal') return view;
      return { ...next, activityCount: view.activityCount + 1, lastActivityAt: at };
    case 'DealWon':
      return {
        ...next,
        status: 'won',
        amount: fromMinorUnits(event.data.amountMinor),
        closedAt: at,
        stageHistory: endVisit(view.stageHistory, at, 'won'),
      };
    case 'DealLost':
      return {
        ...next,
        status: 'lost',
        amount: fromMinorUnits(event.data.amountMinor),
        closedAt: at,
        lossReason: event.data.reason,
        stageHistory: endVisit(view.stageHistory, at, 'lost'),
      };
    case 'DealReopened':
      return {
        ...next,
        status: 'open',
        stageId: event.data.stageId,
        closedAt: null,
        lossReason: null,
        stageHistory: enterVisit(view.stageHistory, event.data.stageId, at),
      };
    case 'DealReassigned':
      return { ...next, ownerId: event.data.to };
    case 'DealUpdated': {
      const { title, amountMinor, expectedCloseDate } = event.data.changes;
      return {
        ...next,
        title: title ? title.to : view.title,
        amount: amountMinor ? fromMinorUnits(amountMinor.to) : view.amount,
        expectedCloseDate: expectedCloseDate ? expectedCloseDate.to : view.expectedCloseDate,
      };
    }
    case 'PipelineDefined':
    case 'LeadCaptured':
    case 'LeadConverted':
    case 'LeadDisqualified':
    case 'LeadConversionReverted':
    case 'QuotaSet':
      return view;
    default:
      return assertNever(event);
  }
};

export const foldDealView = (events: Iterable<RecordedLikeEvent>): DealView | null => {
  let view: DealView | null = null;
  for (const event of events) view = evolveDealView(view, event);
  return view;
};
