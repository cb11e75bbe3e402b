import { MemoryEventStore } from '@sales/event-store';
import type { DemoAction } from '../demo/demo-actions.js';
import { demoHistory, type DemoHistory } from '../demo/demo-history.js';
import { historyEvents } from '../demo/history-events.js';
import { interleave, recordAll } from './stores.js';

/** What the property suites draw of a history: its size and pace, the interleaving, the recording lags. */
export type DrawnHistory = {
  deals: number;
  seed: number;
  days: number;
  tickMs: number;
  picks: number[];
  lagMs: number[];
};

// A demo history ending at `end`, decided, its entities interleaved as drawn (backdated entries)
// and recorded into a memory log with the drawn lags; `actions` may add to its actions first.
export async function recordedHistory(
  drawn: DrawnHistory,
  end: string,
  actions: (history: DemoAction[]) => DemoAction[] = (history) => history,
): Promise<{ history: DemoHistory; events: MemoryEventStore }> {
  const history = demoHistory({
    deals: drawn.deals,
    seed: drawn.seed,
    end,
    days: drawn.days,
    tickMs: drawn.tickMs,
  });
  const events = new MemoryEventStore();
  await recordAll(
    events,
    interleave([...historyEvents(actions(history.actions), { now: end })], drawn.picks),
    drawn.lagMs,
  );
  return { history, events };
}
