import { describe, expect, it } from '@jest/globals';
import { demoHistory } from './demo-history.js';
import { historyEvents } from './history-events.js';

const END = '2026-03-01T12:00:00.000Z';

describe('demo history', () => {
  it('is decided without a refusal by the real deciders, and holds every kind of fact', () => {
    const { actions, start, end } = demoHistory({ deals: 300, seed: 7, end: END });
    expect(end).toBe(END);
    expect(Date.parse(end) - Date.parse(start)).toBe(548 * 86_400_000);
    const events = [...historyEvents(actions, { now: END })].flatMap((a) => a.events);
    const count = (type: string) => events.filter((e) => e.type === type).length;
    expect(count('DealOpened')).toBe(300);
    for (const type of [
      'PipelineDefined',
      'QuotaSet',
      'LeadCaptured',
      'LeadConverted',
      'LeadDisqualified',
      'ActivityLogged',
      'DealStageAdvanced',
      'DealWon',
      'DealLost',
      'DealReopened',
      'DealReassigned',
      'DealUpdated',
    ])
      expect(count(type)).toBeGreaterThan(0);
    expect(events.some((e) => e.type === 'DealStageAdvanced' && e.data.direction === 'backward')).toBe(true);
    expect(events.every((e) => e.data.occurredAt >= start || e.type === 'PipelineDefined')).toBe(true);
    expect(events.every((e) => e.data.occurredAt <= END)).toBe(true);
  });

  it('is the same history for the same seed, another for another seed', () => {
    const a = demoHistory({ deals: 50, seed: 1, end: END });
    expect(demoHistory({ deals: 50, seed: 1, end: END })).toEqual(a);
    expect(demoHistory({ deals: 50, seed: 2, end: END }).actions).not.toEqual(a.actions);
  });

  it('gives many ties when times are truncated to the day', () => {
    const { actions } = demoHistory({ deals: 40, seed: 3, end: END, days: 60, tickMs: 86_400_000 });
    expect(() => [...historyEvents(actions, { now: END })]).not.toThrow();
    expect(new Set(actions.map((a) => a.at)).size).toBeLessThan(actions.length / 3);
  });
});
