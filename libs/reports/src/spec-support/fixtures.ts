import {
  at,
  capture,
  convert,
  disqualify,
  lose,
  open,
  pipeline,
  quota,
  reassign,
  reopen,
  win,
} from './history-dsl.js';

// Histories shared by a report's spec and the as-of spec, or by the specs of two reports.

export const leadHistory = [
  capture('L7', at(-1), { ownerId: 'ann' }), // before the window
  capture('L1', at(0), { ownerId: 'ann', source: 'webinar' }),
  capture('L2', at(1), { ownerId: 'ann', source: 'webinar' }),
  convert('L2', 'D2', at(1, 12)), // 0.5 days
  capture('L3', at(2), { ownerId: 'bo', source: 'ads' }),
  capture('L4', at(3), { ownerId: 'bo', source: 'webinar' }), // stays open
  convert('L1', 'D1', at(4)), // 4 days
  capture('L5', at(5), { ownerId: 'cy', source: 'ads' }),
  disqualify('L3', at(5)),
  convert('L5', 'D5', at(15)), // 10 days
  capture('L6', at(31)), // after the window
];

export const quotaHistory = [
  quota('ann', '2026-Q1', at(-10), 1_000_000),
  quota('bo', '2026-Q1', at(-5), 500_000),
  quota('cy', '2026-Q2', at(-5), 500_000), // another period
  quota('dee', '2026', at(-5), 500_000), // the year, not exactly the quarter
  quota('fay', '2026-Q1', at(-5), 0),
  open('Q1', at(1), { ownerId: 'ann', amountMinor: 300_000 }),
  open('Q2', at(1), { ownerId: 'bo', amountMinor: 100_000 }),
  open('Q3', at(1), { ownerId: 'ann' }),
  open('Q4', at(1), { ownerId: 'bo', amountMinor: 600_000 }),
  open('Q5', at(1), { ownerId: 'ann', amountMinor: 200_000, expectedCloseDate: '2026-03-15' }),
  open('Q6', at(1), { ownerId: 'ann', amountMinor: 150_000, expectedCloseDate: '2026-02-01' }),
  open('Q7', at(1), { ownerId: 'ann', expectedCloseDate: '2026-04-01' }),
  open('Q8', at(1), { ownerId: 'ann' }),
  open('Q9', at(1), { ownerId: 'ann', amountMinor: 50_000, expectedCloseDate: '2026-03-31' }),
  reassign('Q2', at(5), 'ann'),
  win('Q1', at(10)),
  quota('ann', '2026-Q1', at(20), 800_000), // revised
  lose('Q8', at(20)),
  lose('Q9', at(20)),
  reopen('Q9', at(25)),
  win('Q2', at(30)), // owner at close: ann
  win('Q4', at(40)),
  reassign('Q6', at(50), 'bo'),
  win('Q3', at(95)), // 6 April: after the quarter
  quota('eli', '2026-Q1', at(200), 500_000), // set after asOf
];

/**
 * Accounts won for the first time before, in and after the window [at(10), at(40)): a lead
 * converted, ties, a reassignment, another pipeline. New customers and customer value count them.
 */
export const firstWinsHistory = [
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
  win('A1', at(5)), // A's first win is before the window: not a new customer in it
  reassign('C2', at(6), 'bo'),
  win('E1', at(10)), // exactly at from: in
  lose('C1', at(11)), // lost: neither a customer nor value
  win('B1', at(12)), // B's first win
  win('A2', at(15)),
  win('B2', at(20)),
  win('F2', at(25)),
  win('F1', at(25)), // same time as F2: the smaller deal id is the first
  win('C2', at(30)), // C's first win, owner at close bo
  win('D1', at(40)), // exactly at to: out
];
export const firstWinsWindow = { from: at(10), to: at(40) };
