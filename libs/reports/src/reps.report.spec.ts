import { describe, expect, it } from '@jest/globals';
import type { RepsReport } from './reps.report.js';
import {
  activity,
  at,
  capture,
  convert,
  disqualify,
  lose,
  open,
  reassign,
  win,
} from './spec-support/history-dsl.js';
import { reportOf } from './spec-support/report-fixture.js';

const history = [
  capture('L6', at(-5), { ownerId: 'ann' }),
  open('R7', at(-3), { ownerId: 'cy', amountMinor: 20_000 }),
  capture('L1', at(0), { ownerId: 'ann', source: 'webinar' }),
  activity('lead', 'L1', at(0, 2), 'call'), // first response after 2 hours, by ann (the owner)
  convert('L1', 'R1', at(1), { amountMinor: 100_000 }),
  open('R2', at(2), { ownerId: 'ann', amountMinor: 50_000 }),
  reassign('R2', at(3), 'bo'),
  activity('deal', 'R2', at(3, 1), 'call'), // performed by the owner then: bo
  convert('L6', 'R6', at(3)), // a conversion in the window of a lead captured before it
  open('R3', at(4), { ownerId: 'bo' }),
  capture('L4', at(5), { ownerId: 'bo', source: 'ads' }),
  capture('L5', at(6), { ownerId: 'cy' }), // never worked
  lose('R3', at(6)),
  convert('L4', 'R4', at(7)),
  activity('deal', 'R4', at(8), 'demo', 'se-kim'), // L4's first response: 72 hours, on its deal
  win('R2', at(9)), // bo closes what ann opened: 7 days
  disqualify('L5', at(9)),
  win('R1', at(11)), // 11 days from the lead's capture
  activity('deal', 'R1', at(12), 'email'),
  win('R7', at(29)), // opened before the window, won in it: 32 days
  activity('deal', 'R1', at(31), 'note'), // after the window
];
const zeros = { call: 0, email: 0, meeting: 0, demo: 0, quote_sent: 0, note: 0, task: 0 };

describe('reps', () => {
  it('credits each owner with what they did in the window', async () => {
    const report = await reportOf<RepsReport>('reps', history, { from: at(0), to: at(30) });
    expect(report.owners).toEqual([
      {
        key: 'ann',
        dealsOpened: 3, // R1 R2 (owner at opening) R6
        won: 1, // R1
        wonAmount: 1000,
        lost: 0,
        winRate: 1,
        avgWonAmount: 1000,
        cycleDaysWon: { median: 11 },
        activities: { total: 2, byType: { ...zeros, call: 1, email: 1 } }, // L1's call, R1's email
        leadsConverted: 2, // L1, L6
        firstResponseHours: { median: 2 }, // L1
      },
      {
        key: 'bo',
        dealsOpened: 2, // R3, R4
        won: 1, // R2
        wonAmount: 500,
        lost: 1, // R3
        winRate: 1 / 2,
        avgWonAmount: 500,
        cycleDaysWon: { median: 7 },
        activities: { total: 1, byType: { ...zeros, call: 1 } },
        leadsConverted: 1, // L4
        firstResponseHours: { median: 72 }, // L4
      },
      {
        key: 'cy',
        dealsOpened: 0,
        won: 1, // R7
        wonAmount: 200,
        lost: 0,
        winRate: 1,
        avgWonAmount: 200,
        cycleDaysWon: { median: 32 },
        activities: { total: 0, byType: zeros },
        leadsConverted: 0,
        firstResponseHours: { median: null }, // L5 was never worked
      },
      {
        key: 'se-kim',
        dealsOpened: 0,
        won: 0,
        wonAmount: 0,
        lost: 0,
        winRate: null,
        avgWonAmount: null,
        cycleDaysWon: { median: null },
        activities: { total: 1, byType: { ...zeros, demo: 1 } },
        leadsConverted: 0,
        firstResponseHours: { median: null },
      },
    ]);
  });

  it('narrows to one owner, and rounds an average won amount to the cent', async () => {
    const bo = await reportOf<RepsReport>('reps', history, { from: at(0), to: at(30), ownerId: 'bo' });
    expect(bo.owners.map((o) => o.key)).toEqual(['bo']);
    const odd = await reportOf<RepsReport>(
      'reps',
      [
        open('X', at(0), { amountMinor: 10_000 }),
        open('Y', at(0), { amountMinor: 10_001 }),
        win('X', at(1)),
        win('Y', at(1)),
      ],
      { from: at(0), to: at(30) },
    );
    expect(odd.owners[0].avgWonAmount).toBe(100.01); // 20 001 / 2 = 10 000.5 minor, half away from zero
  });
});
