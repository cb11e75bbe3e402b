import { describe, expect, it } from '@jest/globals';
import type { NewCustomersReport } from './new-customers.report.js';
import { firstWinsHistory, firstWinsWindow } from './spec-support/fixtures.js';
import { at } from './spec-support/history-dsl.js';
import { reportOf } from './spec-support/report-fixture.js';

describe('new customers', () => {
  it('counts the accounts whose first win closed in the window, with that deal’s amount, source and owner', async () => {
    expect(await reportOf<NewCustomersReport>('new-customers', firstWinsHistory, firstWinsWindow)).toEqual({
      count: 4, // B, C, E, F
      amount: 1360.49, // 1000.00 + 250.50 + 99.99 + 10.00
      bySource: [
        { key: 'ads', count: 1, amount: 10 }, // F1
        { key: 'unknown', count: 1, amount: 99.99 }, // E1
        { key: 'web', count: 1, amount: 250.5 }, // C2
        { key: 'webinar', count: 1, amount: 1000 }, // B1, from its lead
      ],
      byOwner: [
        { key: 'ann', count: 2, amount: 1010 }, // B1, F1
        { key: 'bo', count: 1, amount: 250.5 }, // C2, reassigned from cy before the close
        { key: 'cy', count: 1, amount: 99.99 }, // E1
      ],
    });
  });

  it('narrows to the pipeline of the first win and to the owner at close', async () => {
    const enterprise = await reportOf<NewCustomersReport>('new-customers', firstWinsHistory, {
      ...firstWinsWindow,
      pipelineId: 'enterprise',
    });
    expect([enterprise.count, enterprise.amount]).toEqual([1, 99.99]);
    const bo = await reportOf<NewCustomersReport>('new-customers', firstWinsHistory, {
      ...firstWinsWindow,
      ownerId: 'bo',
    });
    expect(bo.byOwner).toEqual([{ key: 'bo', count: 1, amount: 250.5 }]);
    const none = await reportOf<NewCustomersReport>('new-customers', firstWinsHistory, {
      from: at(100),
      to: at(200),
    });
    expect(none).toEqual({ count: 0, amount: 0, bySource: [], byOwner: [] });
  });
});
