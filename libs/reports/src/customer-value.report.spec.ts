import { describe, expect, it } from '@jest/globals';
import type { CustomerValueReport } from './customer-value.report.js';
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
  win('A1', at(5)), // A's first win is before the window: not in the cohort
  reassign('C2', at(6), 'bo'),
  win('E1', at(10)), // exactly at from: in
  lose('C1', at(11)), // lost: no value
  win('B1', at(12)), // B's first win
  win('A2', at(15)),
  win('B2', at(20)),
  win('F2', at(25)),
  win('F1', at(25)), // same time as F2: the smaller deal id is the first
  win('C2', at(30)), // C's first win, owner at close bo
  win('D1', at(40)), // exactly at to: out
  open('B3', at(50), { accountId: 'B' }),
  win('B3', at(60), 50_000), // after the window, before asOf: counts, at its final amount
  open('B4', at(50), { accountId: 'B' }),
  win('B4', at(150)), // after asOf
];
const window = { from: at(10), to: at(40), asOf: at(100) };

const figures = (accounts: number, lifetimeValue: number, repeaters: number) => ({
  accounts,
  lifetimeValue,
  avgLifetimeValue: lifetimeValue / accounts,
  repeatRate: repeaters / accounts,
});

describe('customer value', () => {
  it('sums every win up to asOf of the accounts acquired in the window', async () => {
    expect(await reportOf<CustomerValueReport>('customer-value', history, window)).toEqual({
      accounts: 4, // B, C, E, F
      lifetimeValue: 2880.49, // 2500.00 + 250.50 + 99.99 + 30.00
      avgLifetimeValue: 720.12, // 288 049 / 4 = 72 012.25 minor units
      repeatRate: 0.5, // B and F
      bySource: [
        { key: 'ads', ...figures(1, 30, 1) }, // F, by its first win F1
        { key: 'unknown', ...figures(1, 99.99, 0) }, // E
        { key: 'web', ...figures(1, 250.5, 0) }, // C
        { key: 'webinar', ...figures(1, 2500, 1) }, // B, from its lead
      ],
      byOwner: [
        { key: 'ann', ...figures(2, 2530, 2) }, // B, F: both won again
        { key: 'bo', ...figures(1, 250.5, 0) }, // C, reassigned before its first win
        { key: 'cy', ...figures(1, 99.99, 0) }, // E
      ],
      top: [
        { accountId: 'B', wins: 3, lifetimeValue: 2500, firstWonAt: at(12), lastWonAt: at(60) },
        { accountId: 'C', wins: 1, lifetimeValue: 250.5, firstWonAt: at(30), lastWonAt: at(30) },
        { accountId: 'E', wins: 1, lifetimeValue: 99.99, firstWonAt: at(10), lastWonAt: at(10) },
        { accountId: 'F', wins: 2, lifetimeValue: 30, firstWonAt: at(25), lastWonAt: at(25) },
      ],
    });
  });

  it('narrows by the owner at the first win, and sees only the wins up to asOf', async () => {
    const bo = await reportOf<CustomerValueReport>('customer-value', history, { ...window, ownerId: 'bo' });
    expect(bo.top.map((a) => a.accountId)).toEqual(['C']);
    const early = await reportOf<CustomerValueReport>('customer-value', history, { ...window, asOf: at(22) });
    expect(early.top).toEqual([
      { accountId: 'B', wins: 2, lifetimeValue: 2000, firstWonAt: at(12), lastWonAt: at(20) },
      { accountId: 'E', wins: 1, lifetimeValue: 99.99, firstWonAt: at(10), lastWonAt: at(10) },
    ]);
    const none = await reportOf<CustomerValueReport>('customer-value', history, {
      from: at(200),
      to: at(300),
    });
    expect(none).toEqual({
      accounts: 0,
      lifetimeValue: 0,
      avgLifetimeValue: null,
      repeatRate: null,
      bySource: [],
      byOwner: [],
      top: [],
    });
  });

  it('lists the 20 most valuable accounts, ties by accountId', async () => {
    const ids = Array.from({ length: 25 }, (_, i) => `K${String(i).padStart(2, '0')}`);
    const report = await reportOf<CustomerValueReport>(
      'customer-value',
      ids.flatMap((id, i) => [
        open(id, at(1), { accountId: id, amountMinor: 1_000 * (1 + (i % 5)) }),
        win(id, at(20)),
      ]),
      window,
    );
    expect(report.accounts).toBe(25);
    expect(report.top).toHaveLength(20);
    expect(report.top.slice(0, 6).map((a) => [a.accountId, a.lifetimeValue])).toEqual([
      ['K04', 50],
      ['K09', 50],
      ['K14', 50],
      ['K19', 50],
      ['K24', 50],
      ['K03', 40],
    ]);
    expect(report.top.some((a) => a.lifetimeValue === 10)).toBe(false);
  });
});
