import { describe, expect, it } from '@jest/globals';
import type { AccessDenied } from '@sales/platform';
import { DenialThrottle } from './denial-throttle.js';

const denial = (ip: string, principal: string | null = null): AccessDenied => ({
  principal,
  actorId: null,
  method: 'GET',
  path: '/v1/deals/x',
  status: principal ? 403 : 401,
  reason: 'r',
  ip,
});

describe('the throttle on recorded refusals', () => {
  const limits = { perKey: 3, total: 5, windowMs: 60_000, maxKeys: 2 };

  it('records a few per key and window, then summarizes the rest once the window is over', () => {
    let now = Date.parse('2026-03-01T10:00:00.000Z');
    const throttle = new DenialThrottle(() => now, limits);
    const records = Array.from({ length: 10 }, () => throttle.admit(denial('1.2.3.4')).record);
    expect(records.filter(Boolean)).toHaveLength(3);
    expect(throttle.due(false)).toEqual([]);
    now += 60_000;
    const next = throttle.admit(denial('1.2.3.4'));
    expect(next.record).toBe(true);
    expect(next.summaries).toEqual([
      {
        key: 'ip:1.2.3.4',
        principal: null,
        ip: '1.2.3.4',
        count: 7,
        from: '2026-03-01T10:00:00.000Z',
        to: '2026-03-01T10:01:00.000Z',
        lastPath: '/v1/deals/x',
        lastStatus: 401,
      },
    ]);
  });

  it('keys on the API key when there is one, caps the total, and folds keys past the cap into one', () => {
    const throttle = new DenialThrottle(() => 0, limits);
    const recorded = [
      ...Array.from({ length: 4 }, () => throttle.admit(denial('1.1.1.1', 'svc')).record),
      ...Array.from({ length: 4 }, () => throttle.admit(denial('1.1.1.1')).record),
    ];
    // 3 for svc, then 2 for the address: the total of 5 is reached
    expect(recorded).toEqual([true, true, true, false, true, true, false, false]);
    expect(throttle.admit(denial('9.9.9.9')).record).toBe(false);
    expect(throttle.trackedKeys).toBe(3);
    const summaries = throttle.due(true);
    expect(summaries.map((s) => [s.key, s.count])).toEqual([
      ['key:svc', 1],
      ['ip:1.1.1.1', 2],
      ['*', 1],
    ]);
    expect(throttle.trackedKeys).toBe(0);
  });
});
