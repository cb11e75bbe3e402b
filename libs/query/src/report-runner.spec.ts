import { describe, expect, it } from '@jest/globals';
import type { LeadDoc } from '@sales/projections';
import { type GenerationRef, MemoryReadStore } from '@sales/read-store';
import type { ReportParams } from './report-params.js';
import { type LiveReadModels, ReportRunner } from './report-runner.js';

const NOW = new Date('2026-03-01T00:00:00.000Z');
const PARAMS: ReportParams = {
  from: '2026-01-01T00:00:00.000Z',
  to: '2026-02-01T00:00:00.000Z',
  period: null,
  asOf: null,
  knownAt: null,
  ownerId: null,
  source: null,
  pipelineId: null,
  groupBy: null,
  lookbackDays: null,
};

const lead = (leadId: string, status: LeadDoc['status']): LeadDoc & { _id: string; _position: number } => ({
  _id: leadId,
  _position: 1,
  leadId,
  source: 'web',
  company: 'C',
  contact: null,
  ownerId: 'ann',
  status,
  capturedAt: '2026-01-10T00:00:00.000Z',
  convertedAt: status === 'converted' ? '2026-01-12T00:00:00.000Z' : null,
  dealId: null,
  disqualifiedAt: null,
  disqualifyReason: null,
  firstActivityAt: null,
  activityCount: 0,
});

// The leads read model in two generations: serving (1) with one open lead, candidate (2) where
// the same lead is converted and another one was found.
async function leads(): Promise<MemoryReadStore> {
  const store = new MemoryReadStore();
  for (const [generation, docs] of [
    [1, [lead('l1', 'open')]],
    [2, [lead('l1', 'converted'), lead('l2', 'open')]],
  ] as const) {
    const ref = { projection: 'leads', generation };
    await store.ensureGeneration(ref, []);
    await store.commit(
      ref,
      docs.map((doc) => ({ op: 'put', collection: 'leads', doc })),
      5,
    );
  }
  return store;
}

const readModels = (
  store: MemoryReadStore,
  candidate: number | null,
): LiveReadModels & { asked: string[] } => {
  const asked: string[] = [];
  return {
    store,
    asked,
    serving: async (projection): Promise<GenerationRef> => {
      asked.push(`serving ${projection}`);
      return { projection, generation: 1 };
    },
    candidate: async (projection) => {
      asked.push(`candidate ${projection}`);
      return candidate === null ? null : { projection, generation: candidate };
    },
  };
};

describe('reports on the candidate generations', () => {
  it('reads the candidate with generation=candidate, the serving generation otherwise', async () => {
    const live = readModels(await leads(), 2);
    const runner = new ReportRunner(live, () => NOW);
    const serving = await runner.run({ name: 'lead-conversion', params: PARAMS, minPosition: null });
    const candidate = await runner.run({
      name: 'lead-conversion',
      params: PARAMS,
      minPosition: null,
      generation: 'candidate',
    });
    expect([serving.captured, serving.converted]).toEqual([1, 0]);
    expect([candidate.captured, candidate.converted]).toEqual([2, 1]);
    expect(live.asked).toEqual(['serving leads', 'candidate leads']);
  });

  it('falls back to the serving generation of a projection without a candidate', async () => {
    const live = readModels(await leads(), null);
    const runner = new ReportRunner(live, () => NOW);
    const report = await runner.run({
      name: 'lead-conversion',
      params: PARAMS,
      minPosition: null,
      generation: 'candidate',
    });
    expect([report.captured, report.converted]).toEqual([1, 0]);
    expect(live.asked).toEqual(['candidate leads', 'serving leads']);
  });
});
