import { describe, expect, it } from '@jest/globals';
import { claimOrWait } from './claim-or-wait.js';
import type { ClaimOutcome, IdempotencyStore, IdempotencyStoreOptions } from './idempotency-store.port.js';

/**
 * One shared place (a data directory, a database), fresh per test; `open` gives another store on
 * it, as another process would hold.
 */
export type IdempotencyPlace = {
  open(options: IdempotencyStoreOptions): Promise<IdempotencyStore>;
  dispose(): Promise<void>;
};

const TTL = 30_000;
const created = { status: 201, body: '{"id":"d-1","version":1,"position":7}' };

function manualTime(start = Date.parse('2026-03-01T09:30:00.000Z')) {
  let now = start;
  return { now: () => now, advance: (ms: number) => (now += ms) };
}

function claimOf(outcome: ClaimOutcome) {
  if (outcome.kind !== 'claimed') throw new Error(`expected a claim, got ${JSON.stringify(outcome)}`);
  return outcome.claim;
}

// The same cases for every adapter. Two store instances on one place stand for two processes.
export function idempotencyStoreContract(label: string, place: () => Promise<IdempotencyPlace>): void {
  describe(`idempotency store on ${label}`, () => {
    const using = async (run: (p: IdempotencyPlace) => Promise<void>) => {
      const p = await place();
      try {
        await run(p);
      } finally {
        await p.dispose();
      }
    };

    it('replays a completed response to the same request on another process', () =>
      using(async (p) => {
        const time = manualTime();
        const [a, b] = [await p.open(time), await p.open(time)];
        const claim = claimOf(await a.claim('svc\nk1', 'fp-1'));
        await a.complete(claim, created);
        expect(await b.claim('svc\nk1', 'fp-1')).toEqual({ kind: 'replay', response: created });
        expect(await a.claim('svc\nk1', 'fp-1')).toEqual({ kind: 'replay', response: created });
        time.advance(TTL * 100);
        expect(await b.claim('svc\nk1', 'fp-1')).toEqual({ kind: 'replay', response: created });
      }));

    it('refuses the key with another request, and keeps scopes apart', () =>
      using(async (p) => {
        const [a, b] = [await p.open({}), await p.open({})];
        await a.complete(claimOf(await a.claim('svc\nk1', 'fp-1')), created);
        expect(await b.claim('svc\nk1', 'fp-2')).toEqual({ kind: 'reused' });
        expect((await b.claim('other\nk1', 'fp-2')).kind).toBe('claimed');
        expect((await b.claim('svc\nk2', 'fp-1')).kind).toBe('claimed');
      }));

    it('lets exactly one of many simultaneous claims win; the others see it held', () =>
      using(async (p) => {
        const stores = await Promise.all(Array.from({ length: 6 }, () => p.open({})));
        const outcomes = await Promise.all(stores.map((s) => s.claim('svc\nrace', 'fp-1')));
        expect(outcomes.filter((o) => o.kind === 'claimed')).toHaveLength(1);
        expect(outcomes.filter((o) => o.kind === 'held')).toHaveLength(5);
      }));

    it('makes a duplicate on another process wait for the first, then answer as it did', () =>
      using(async (p) => {
        const [a, b] = [await p.open({}), await p.open({})];
        const claim = claimOf(await a.claim('svc\nslow', 'fp-1'));
        const started = Date.now();
        const waiting = claimOrWait(b, 'svc\nslow', 'fp-1', { waitMs: 5_000 });
        setTimeout(() => void a.complete(claim, created), 300);
        expect(await waiting).toEqual({ kind: 'replay', response: created });
        expect(Date.now() - started).toBeGreaterThanOrEqual(290);
        expect(Date.now() - started).toBeLessThan(2_000);
      }));

    it('gives up waiting after the wait, with the key still held', () =>
      using(async (p) => {
        const [a, b] = [await p.open({}), await p.open({})];
        claimOf(await a.claim('svc\nstuck', 'fp-1'));
        const started = Date.now();
        expect(await claimOrWait(b, 'svc\nstuck', 'fp-1', { waitMs: 400 })).toEqual({ kind: 'held' });
        expect(Date.now() - started).toBeGreaterThanOrEqual(390);
      }));

    it('frees the key of a failed command: a retry anywhere runs it again', () =>
      using(async (p) => {
        const [a, b] = [await p.open({}), await p.open({})];
        await a.release(claimOf(await a.claim('svc\nfails', 'fp-1')));
        const again = claimOf(await b.claim('svc\nfails', 'fp-2'));
        expect(await a.claim('svc\nfails', 'fp-2')).toEqual({ kind: 'held' });
        await b.complete(again, created);
        expect(await a.claim('svc\nfails', 'fp-2')).toEqual({ kind: 'replay', response: created });
        expect(await a.claim('svc\nfails', 'fp-1')).toEqual({ kind: 'reused' });
      }));

    it('lets one process take over the claim of a dead one once it expired, and only one', () =>
      using(async (p) => {
        const time = manualTime();
        const options = { now: time.now, claimTtlMs: TTL };
        const [dead, b, c, d] = await Promise.all([0, 1, 2, 3].map(() => p.open(options)));
        const lost = claimOf(await dead.claim('svc\norphan', 'fp-1'));
        time.advance(TTL - 1);
        expect(await b.claim('svc\norphan', 'fp-1')).toEqual({ kind: 'held' });
        time.advance(2);
        const takeovers = await Promise.all([b, c, d].map((s) => s.claim('svc\norphan', 'fp-1')));
        expect(takeovers.filter((o) => o.kind === 'claimed')).toHaveLength(1);
        expect(takeovers.filter((o) => o.kind === 'held')).toHaveLength(2);
        const winner = claimOf(takeovers.find((o) => o.kind === 'claimed')!);
        // The presumed dead holder settling late touches only its own, lapsed claim.
        await dead.release(lost);
        expect(await c.claim('svc\norphan', 'fp-1')).toEqual({ kind: 'held' });
        await b.complete(winner, created);
        expect(await d.claim('svc\norphan', 'fp-1')).toEqual({ kind: 'replay', response: created });
      }));

    it('answers with the earliest completed attempt when a lapsed holder completes after all', () =>
      using(async (p) => {
        const time = manualTime();
        const options = { now: time.now, claimTtlMs: TTL };
        const [slow, b] = [await p.open(options), await p.open(options)];
        const first = claimOf(await slow.claim('svc\nlate', 'fp-1'));
        time.advance(TTL + 1);
        const second = claimOf(await b.claim('svc\nlate', 'fp-1'));
        await slow.complete(first, created);
        await b.complete(second, { status: 201, body: '{"second":true}' });
        expect(await b.claim('svc\nlate', 'fp-1')).toEqual({ kind: 'replay', response: created });
      }));
  });
}
