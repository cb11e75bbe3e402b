import { EsdbEventStore, type RecordedEvent } from '@sales/event-store';
import type { Attempt, Outcome } from './cluster-client.js';

// What the event log says about the load. Every attempt of a command carries its key as
// X-Correlation-Id, which every event it appends records in its metadata: so the log tells which
// commands were appended, and whether any was appended twice (two sendings, two processes).

export async function readLog(eventStoreUrl: string): Promise<RecordedEvent[]> {
  const store = new EsdbEventStore(eventStoreUrl);
  try {
    const events: RecordedEvent[] = [];
    for (let after: number | null = null; ;) {
      const page = await store.readAll(after, 2000);
      events.push(...page);
      if (page.length < 2000) return events;
      after = page[page.length - 1].position;
    }
  } finally {
    await store.close();
  }
}

export type LogFindings = {
  events: number;
  /** Commands with at least one 2xx answer. */
  acknowledged: number;
  /** Keys sent more than once (a duplicate, or a retry after a lost answer or a 5xx). */
  retriedKeys: number;
  violations: { rule: string; key: string; detail: string }[];
};

const ok = (a: Attempt) => a.status !== null && a.status >= 200 && a.status < 300;
const slim = (a: Attempt) => `${a.api}: ${a.status ?? a.error} ${JSON.stringify(a.body)?.slice(0, 160)}`;

export function checkLog(outcomes: Outcome[], events: RecordedEvent[]): LogFindings {
  const byCorrelation = new Map<string, RecordedEvent[]>();
  for (const event of events) {
    const id = event.metadata.correlationId;
    byCorrelation.set(id, [...(byCorrelation.get(id) ?? []), event]);
  }
  const byPosition = new Map(events.map((e) => [e.position, e]));
  const violations: LogFindings['violations'] = [];
  const flag = (rule: string, key: string, detail: string) => violations.push({ rule, key, detail });
  let acknowledged = 0;
  let retriedKeys = 0;
  for (const { command, attempts, final, duplicates } of outcomes) {
    const key = command.key;
    const appended = byCorrelation.get(key) ?? [];
    const sent = [...attempts, ...duplicates].filter((a) => a.status !== null || a.error !== 'process down');
    if (sent.length > 1) retriedKeys++;
    // Exactly once: no (stream, type) twice under one key, however often the key was sent.
    const seen = new Map<string, number>();
    for (const e of appended) seen.set(`${e.stream} ${e.type}`, (seen.get(`${e.stream} ${e.type}`) ?? 0) + 1);
    for (const [what, count] of seen)
      if (count > 1) flag('appended twice', key, `${what} ×${count}; answers: ${sent.map(slim).join(' | ')}`);

    const answers = [...attempts, ...duplicates].filter(ok);
    const last = command.expects[command.expects.length - 1];
    const landed = appended.some((e) => e.stream === last.stream && e.type === last.type);
    if (answers.length) {
      acknowledged++;
      for (const expected of command.expects)
        if (!appended.some((e) => e.stream === expected.stream && e.type === expected.type))
          flag('acknowledged but not in the log', key, `${expected.stream} ${expected.type}`);
      const position = answers[0].body?.position as number | undefined;
      const atPosition = position === undefined ? undefined : byPosition.get(position);
      if (!atPosition || atPosition.metadata.correlationId !== key || atPosition.stream !== last.stream)
        flag(
          'answered position is not the command',
          key,
          `position ${position} holds ${atPosition?.stream} ${atPosition?.type} of ${atPosition?.metadata.correlationId}`,
        );
    } else if (landed) {
      // Its events are in the log, yet every sending was refused or lost: the client was told no.
      flag('appended but never acknowledged', key, sent.map(slim).join(' | '));
    }
    // A retry returns the first response: the same body, as 200 (201 only for the one that ran).
    const first = answers[0];
    for (const again of [...attempts.slice(1), ...duplicates]) {
      // No answer, or "still running elsewhere, retry later": the client simply tries again.
      if (again.status === null || !first || again === first) continue;
      if (again.status === 409 && again.body?.code === 'IDEMPOTENCY_KEY_IN_USE') continue;
      if (!ok(again) || JSON.stringify(again.body) !== JSON.stringify(first.body))
        flag('retry did not return the first response', key, `first ${slim(first)}; retry ${slim(again)}`);
    }
    if (final.status !== null && final.status >= 500) flag('5xx final answer', key, slim(final));
  }
  return { events: events.length, acknowledged, retriedKeys, violations };
}
