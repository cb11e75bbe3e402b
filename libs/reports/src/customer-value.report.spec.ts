import { describe, expect, it } from '@jest/globals';
import type { CustomerValueReport } from './customer-value.report.js';
import { firstWinsHistory, firstWinsWindow } from './spec-support/fixtures.js';
import { at, open, win } from './spec-support/history-dsl.js';
import { reportOf } from './spec-support/report-fixture.js';

const history = [
  ...firstWinsHistory,
  open('B3', at(50), { accountId: 'B' }),
  win('B3', at(60), 50_000), // after the window, before asOf: counts, at its final amount
  open('B4', at(50), { accountId: 'B' }),
  win('B4', at(150)), // after asOf
];
const window = { ...firstWinsWindow, asOf: at(100) };

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
