import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { MemoryEventStore } from '@sales/event-store';
import { ALL_PROJECTIONS } from '@sales/projections';
import { MemoryReadStore } from '@sales/read-store';
import { type ReportParams, type ReportRequest, ReportRunner } from '@sales/query';
import { DEMO_REPS, DEMO_SOURCES } from './demo/demo-history.js';
import { REPORT_NAMES, REPORT_SHAPES } from './report-names.js';
import { close } from './spec-support/close.js';
import { NO_PARAMS } from './spec-support/report-fixture.js';
import { caughtUpEngine } from './spec-support/engine.js';
import { recordedHistory } from './spec-support/recorded-history.js';

const END = '2026-06-30T00:00:00.000Z';
const DAY = 86_400_000;

async function until(condition: () => boolean, what: string) {
  for (const deadline = Date.now() + 10_000; !condition();) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

const scenario = fc.record({
  seed: fc.integer({ min: 1, max: 1_000_000 }),
  deals: fc.integer({ min: 1, max: 30 }),
  days: fc.integer({ min: 5, max: 120 }),
  tickMs: fc.constantFrom(1000, 3_600_000, DAY),
  picks: fc.array(fc.nat(), { minLength: 1, maxLength: 50 }),
  window: fc.tuple(fc.double({ min: 0, max: 1, noNaN: true }), fc.double({ min: 0, max: 1, noNaN: true })),
  ownerId: fc.constantFrom(null, ...DEMO_REPS.slice(0, 3)),
  source: fc.constantFrom(null, DEMO_SOURCES[0], 'unknown'),
  pipelineId: fc.constantFrom(null, 'default', 'enterprise'),
  groupBy: fc.constantFrom(null, 'owner' as const, 'source' as const),
  period: fc.constantFrom('2026-Q2', '2026-06', '2026'),
  cut: fc.double({ min: 0, max: 1, noNaN: true }),
  known: fc.option(fc.double({ min: 0, max: 1.1, noNaN: true })),
  lagMs: fc.array(fc.constantFrom(0, 1, 60_000, DAY), { minLength: 1, maxLength: 5 }),
});

// Later than anything recorded: a time cut that keeps every event, read from the versions.
const ALL_KNOWN = '9000-01-01T00:00:00.000Z';

// A live engine over a log: its projections caught up, its runner reading them.
async function liveOver(events: MemoryEventStore, now: string) {
  const readStore = new MemoryReadStore();
  const engine = await caughtUpEngine(events, readStore);
  const names = ALL_PROJECTIONS.map((p) => p.name);
  const live = { store: readStore, serving: async (p: string) => engine.serving(p) as never };
  return { engine, names, runner: new ReportRunner(live, () => new Date(now), { results: 0 }) };
}

describe('every report, on random histories', () => {
  it('is the same live, from the versions at now, after a full rebuild, and as of any (asOf, knownAt) as on the log cut there', async () => {
    await fc.assert(
      fc.asyncProperty(scenario, async (s) => {
        const { history, events } = await recordedHistory(s, END);
        const facts = await events.readAll(null, 1_000_000);
        const span = Date.parse(history.end) - Date.parse(history.start);
        const cut = new Date(Date.parse(history.start) + Math.round(s.cut * span)).toISOString();
        const recordedSpan =
          Date.parse(facts[facts.length - 1].metadata.recordedAt) - Date.parse(history.start);
        const knownAt =
          s.known === null
            ? null
            : new Date(Date.parse(history.start) + Math.round(s.known * recordedSpan)).toISOString();
        // The same log as it stood at `cut` (business time) as recorded by knownAt: what a report as
        // of (cut, knownAt) must see.
        const past = new MemoryEventStore();
        for (const e of facts)
          if (String(e.data.occurredAt) <= cut && (knownAt === null || e.metadata.recordedAt <= knownAt))
            await past.append(
              e.stream,
              [{ id: e.id, type: e.type, data: e.data, metadata: e.metadata }],
              'any',
            );
        const now = await liveOver(events, END);
        const then = await liveOver(past, cut);
        try {
          const { engine, names, runner } = now;
          const [a, b] = s.window
            .map((f) => Date.parse(history.start) + Math.round(f * span))
            .sort((x, y) => x - y);
          const window = { from: new Date(a).toISOString(), to: new Date(Math.max(b, a + 1)).toISOString() };
          const requests: ReportRequest[] = REPORT_NAMES.flatMap((name) => {
            const shape = REPORT_SHAPES[name];
            const params: ReportParams = {
              ...NO_PARAMS,
              ...(shape.window ? window : {}),
              period: shape.period ? s.period : null,
              ownerId: s.ownerId,
              source: s.source,
              pipelineId: shape.pipeline === 'none' ? null : s.pipelineId,
              groupBy: shape.groupBy ? s.groupBy : null,
              at: shape.at ? [window.from] : null,
            };
            const whole = shape.window ? { ...params, from: history.start, to: END } : params;
            return [params, whole].map((p) => ({ name, params: p, minPosition: null }));
          });
          // An unknown pipeline is refused alike everywhere: compare the refusals too.
          const settle = (p: Promise<unknown>) =>
            p.catch((error: { code?: string }) => ({ refused: error.code }));
          const at = (r: ReportRequest, cuts: Partial<ReportParams>) =>
            settle(runner.run({ ...r, params: { ...r.params, ...cuts } }));
          const liveReports = await Promise.all(requests.map((r) => settle(runner.run(r))));
          const fromVersions = await Promise.all(
            requests.map((r) => at(r, { asOf: END, knownAt: ALL_KNOWN })),
          );
          const asOfCut = await Promise.all(requests.map((r) => at(r, { asOf: cut, knownAt })));
          const liveAtCut = await Promise.all(requests.map((r) => settle(then.runner.run(r))));
          const before = new Map(names.map((n) => [n, engine.serving(n)?.generation]));
          for (const name of names) await engine.rebuild(name);
          await until(
            () => names.every((n) => engine.serving(n)?.generation !== before.get(n)),
            'the rebuild',
          );
          const rebuilt = await Promise.all(requests.map((r) => settle(runner.run(r))));
          const withoutPosition = (r: unknown) => ({ ...(r as object), position: 0, knownAt: undefined });
          requests.forEach((request, i) => {
            const label = `${request.name} ${JSON.stringify(request.params)}`;
            expect(
              close(withoutPosition(liveReports[i]), withoutPosition(fromVersions[i]), label),
            ).toBeNull();
            expect(close(liveReports[i], rebuilt[i], label)).toBeNull();
            // positions differ: the whole log was read for the one, the shorter log for the other
            expect(
              close(
                withoutPosition(asOfCut[i]),
                withoutPosition(liveAtCut[i]),
                `${label} as of ${cut} known at ${knownAt}`,
              ),
            ).toBeNull();
          });
        } finally {
          await now.engine.stop();
          await then.engine.stop();
        }
      }),
      { numRuns: Number(process.env.RUNS ?? 25) },
    );
  }, 120_000);
});
