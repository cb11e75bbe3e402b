import { describe, expect, it } from '@jest/globals';
import type { QuotaAttainmentReport } from './quota-attainment.report.js';
import { at } from './spec-support/history-dsl.js';
import { quotaHistory } from './spec-support/fixtures.js';
import { reportOf } from './spec-support/report-fixture.js';

describe('quota attainment', () => {
  it('compares won amounts and open pipeline with the quota for exactly the period', async () => {
    const report = await reportOf<QuotaAttainmentReport>('quota-attainment', quotaHistory, {
      period: '2026-Q1',
      asOf: at(100),
    });
    expect(report.owners).toEqual([
      {
        key: 'ann',
        quota: 8000, // the revision of day 20
        wonAmount: 4000, // Q1 3000 + Q2 1000 (reassigned to ann before its close)
        attainment: 4000 / 8000,
        openPipeline: 2500, // Q5 2000 + Q9 500 (reopened); Q6 is bo's now, Q7 expected on 1 April
        coverage: 2500 / (8000 - 4000),
      },
      // won more than the quota: no coverage
      { key: 'bo', quota: 5000, wonAmount: 6000, attainment: 1.2, openPipeline: 1500, coverage: null },
      // a zero quota: no attainment, no coverage
      { key: 'fay', quota: 0, wonAmount: 0, attainment: null, openPipeline: 0, coverage: null },
    ]);
  });

  it('narrows to one owner and to a pipeline', async () => {
    const bo = await reportOf<QuotaAttainmentReport>('quota-attainment', quotaHistory, {
      period: '2026-Q1',
      ownerId: 'bo',
      asOf: at(100),
    });
    expect(bo.owners.map((o) => o.key)).toEqual(['bo']);
    const none = await reportOf<QuotaAttainmentReport>('quota-attainment', quotaHistory, {
      period: '2025-Q1',
    });
    expect(none.owners).toEqual([]);
  });
});
