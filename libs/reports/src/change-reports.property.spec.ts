import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { ALL_PROJECTIONS, ProjectionEngine } from '@sales/projections';
import { MemoryReadStore } from '@sales/read-store';
import { type ReportParams, ReportRunner } from '@sales/query';
import { DEMO_REPS, DEMO_SOURCES } from './demo/demo-history.js';
import {
  recomputedCustomerValue,
  recomputedSlippage,
  recomputedStuckDeals,
} from './spec-support/change-reports-recomputed.js';
import { close } from './spec-support/close.js';
import { foldHistory } from './spec-support/deal-facts.js';
import { NO_PARAMS } from './spec-support/report-fixture.js';
import { recordedHistory } from './spec-support/recorded-history.js';

const END = '2026-06-30T00:00:00.000Z';
const DAY = 86_400_000;

const scenario = fc.record({
  seed: fc.integer({ min: 1, max: 1_000_000 }),
  deals: fc.integer({ min: 1, max: 150 }),
  days: fc.integer({ min: 10, max: 300 }),
  tickMs: fc.constantFrom(1000, 3_600_000, DAY),
  picks: fc.array(fc.nat(), { minLength: 1, maxLength: 50 }),
  // where the window starts in the history, and how much of it it spans
  window: fc.tuple(fc.double({ min: 0, max: 1, noNaN: true }), fc.double({ min: 0.05, max: 1, noNaN: true })),
  ownerId: fc.constantFrom(null, ...DEMO_REPS.slice(0, 3)),
  source: fc.constantFrom(null, DEMO_SOURCES[0], 'unknown'),
  pipelineId: fc.constantFrom(null, 'default', 'enterprise'),
  lookbackDays: fc.constantFrom(null, 7, 60, 365),
  cut: fc.double({ min: 0, max: 1, noNaN: true }),
  known: fc.option(fc.double({ min: 0, max: 1.1, noNaN: true })),
  lagMs: fc.array(fc.constantFrom(0, 1, 60_000, DAY), { minLength: 1, maxLength: 5 }),
});

describe('slippage, stuck-deals and customer-value, on random histories with backdated entries', () => {
  it('answer, live and as of any (asOf, knownAt), what the events say when worked out the long way', async () => {
    await fc.assert(
      fc.asyncProperty(scenario, async (s) => {
        const { history, events } = await recordedHistory(s, END);
        const facts = await events.readAll(null, 1_000_000);
        const start = Date.parse(history.start);
        const span = Date.parse(history.end) - start;
        const recordedSpan = Date.parse(facts[facts.length - 1].metadata.recordedAt) - start;
        const from = start + Math.round(s.window[0] * span);
        const window = {
          from: new Date(from).toISOString(),
          to: new Date(from + Math.max(1, Math.round(s.window[1] * span))).toISOString(),
        };
        const asOf = new Date(start + Math.round(s.cut * span)).toISOString();
        const knownAt =
          s.known === null ? null : new Date(start + Math.round(s.known * recordedSpan)).toISOString();

        const readStore = new MemoryReadStore();
        const engine = new ProjectionEngine(ALL_PROJECTIONS, events, readStore);
        await engine.start();
        try {
          const head = (await events.headPosition()) as number;
          const names = ALL_PROJECTIONS.map((p) => p.name);
          if (!(await engine.waitFor(head, names, 10_000))) throw new Error('projections did not catch up');
          const live = { store: readStore, serving: async (p: string) => engine.serving(p) as never };
          const runner = new ReportRunner(live, () => new Date(END), { results: 0 });
          const narrowings = [
            { ownerId: null, source: null, pipelineId: null },
            { ownerId: s.ownerId, source: s.source, pipelineId: s.pipelineId },
          ];
          const cuts = [
            { asOf: END, knownAt: null },
            { asOf, knownAt },
          ];
          for (const cut of cuts)
            for (const narrowing of narrowings) {
              const seen = foldHistory(
                facts.filter(
                  (e) =>
                    String(e.data.occurredAt) <= cut.asOf &&
                    (cut.knownAt === null || e.metadata.recordedAt <= cut.knownAt),
                ),
              );
              const params: ReportParams = { ...NO_PARAMS, ...narrowing, ...cut };
              const run = (name: 'slippage' | 'stuck-deals' | 'customer-value', p: ReportParams) =>
                runner
                  .run({ name, params: p, minPosition: null })
                  .then(({ report: _r, position: _p, ...rest }) => rest)
                  .catch((error: { code?: string }) => ({ refused: error.code }));
              const figures = (answer: object, keys: string[]) =>
                'refused' in answer
                  ? answer
                  : Object.fromEntries(Object.entries(answer).filter(([key]) => keys.includes(key)));
              const label = `${JSON.stringify(cut)} ${JSON.stringify(window)} ${JSON.stringify(narrowing)}`;

              const slippage = recomputedSlippage(seen, window, narrowing);
              const slippageAnswer = await run('slippage', { ...params, ...window });
              const expectedSlippage =
                narrowing.pipelineId === 'enterprise' &&
                !seen.pipelines.some((p) => p.pipelineId === 'enterprise' && p.occurredAt <= cut.asOf)
                  ? { refused: 'UNKNOWN_PIPELINE' }
                  : slippage;
              expect(
                close(figures(slippageAnswer, Object.keys(slippage)), expectedSlippage, `slippage ${label}`),
              ).toBeNull();

              const stuck = recomputedStuckDeals(seen, cut.asOf, s.lookbackDays ?? 365, {
                ...narrowing,
                pipelineId: narrowing.pipelineId ?? 'default',
              });
              const stuckAnswer = await run('stuck-deals', { ...params, lookbackDays: s.lookbackDays });
              expect(
                close(
                  figures(stuckAnswer, ['thresholds', 'deals', 'judged', 'notJudged']),
                  stuck,
                  `stuck-deals ${label} lookback ${s.lookbackDays}`,
                ),
              ).toBeNull();

              const value = recomputedCustomerValue(seen, window, narrowing);
              const valueAnswer = await run('customer-value', { ...params, ...window, pipelineId: null });
              expect(
                close(figures(valueAnswer, Object.keys(value)), value, `customer-value ${label}`),
              ).toBeNull();
            }
        } finally {
          await engine.stop();
        }
      }),
      { numRuns: Number(process.env.RUNS ?? 25) },
    );
  }, 180_000);
});
