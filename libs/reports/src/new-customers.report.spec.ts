import { describe, expect, it } from '@jest/globals';
import type { NewCustomersReport } from './new-customers.report.js';
import { at, capture, convert, lose, open, pipeline, reassign, win } from './spec-support/history-dsl.js';
import { reportOf } from './spec-support/report-fixture.js';

const history = [
  pipeline('enterprise', 0, [['discovery', 0.2]]),
  open('A1', at(1), { accountId: 'A' }),
  open('A2', at(1), { accountId: 'A' }),
  open('C1', at(1), { accountId: 'C' }),
  open('C2', at(1), { accountId: 'C', ownerId: 'cy', source: 'web', amountMinor: 25_050 }),
  open('D1', at(1), { accountId: 'D' }),
  open('F1', at(1), { accountId: 'F', ownerId: 'ann', source: 'ads', amountMinor: 1_000 }),
  open('F2', at(1), { accountId: 'F', ownerId: 'bo', source: 'web', amountMinor: 2_000 }),
  capture('LB', at(2), { ownerId: 'ann', source: 'webinar' }),
  convert('LB', 'B1', at(3), { accountId: 'B' }),
  open('B2', at(3), { accountId: 'B' }),
  open('E1', at(4), { accountId: 'E', ownerId: 'cy', pipelineId: 'enterprise', amountMinor: 9_999 }),
  win('A1', at(5)), // A's first win is before the window: no new customer
  reassign('C2', at(6), 'bo'),
  win('E1', at(10)), // exactly at from: in
  lose('C1', at(11)),
  win('B1', at(12)), // B's first win
  win('A2', at(15)),
  win('B2', at(20)),
  win('F2', at(25)),
  win('F1', at(25)), // same time as F2: the smaller deal id is the first
  win('C2', at(30)), // C's first win, owner at close bo
  win('D1', at(40)), // exactly at to: out
];
const window = { from: at(10), to: at(40) };

describe('new customers', () => {
  it('counts the accounts whose first win closed in the window, with that deal’s amount, source and owner', async () => {
    expect(await reportOf<NewCustomersReport>('new-customers', history, window)).toEqual({
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
    const enterprise = await reportOf<NewCustomersReport>('new-customers', history, {
      ...window,
      pipelineId: 'enterprise',
    });
    expect([enterprise.count, enterprise.amount]).toEqual([1, 99.99]);
    const bo = await reportOf<NewCustomersReport>('new-customers', history, { ...window, ownerId: 'bo' });
    expect(bo.byOwner).toEqual([{ key: 'bo', count: 1, amount: 250.5 }]);
    const none = await reportOf<NewCustomersReport>('new-customers', history, { from: at(100), to: at(200) });
    expect(none).toEqual({ count: 0, amount: 0, bySource: [], byOwner: [] });
  });
});
