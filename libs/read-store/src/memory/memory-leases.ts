import { FencedError } from '../read-store.errors.js';
import type { Lease, LeaseState } from '../read-store.port.js';
import { assertLease, assertProjection, assertTtl } from '../validation.js';

type Held = { owner: string | null; token: number; expiresAt: number };

// Leases of one process's memory store: one clock, one thread, so every check is exact.
export class MemoryLeases {
  private readonly leases = new Map<string, Held>();

  constructor(private readonly now: () => number = Date.now) {}

  acquire(projection: string, owner: string, ttlMs: number): Lease | null {
    assertProjection(projection);
    assertTtl(ttlMs);
    const held = this.leases.get(projection);
    if (held && held.owner !== null && held.expiresAt > this.now()) return null;
    const token = (held?.token ?? 0) + 1;
    this.leases.set(projection, { owner, token, expiresAt: this.now() + ttlMs });
    return { projection, owner, token };
  }

  renew(lease: Lease, ttlMs: number): boolean {
    assertLease(lease);
    assertTtl(ttlMs);
    const held = this.holding(lease);
    if (held) held.expiresAt = this.now() + ttlMs;
    return held !== null;
  }

  release(lease: Lease): void {
    assertLease(lease);
    const held = this.holding(lease);
    if (held) Object.assign(held, { owner: null, expiresAt: 0 });
  }

  states(): LeaseState[] {
    const now = this.now();
    return [...this.leases]
      .map(([projection, held]) => ({
        projection,
        ...held,
        live: held.owner !== null && held.expiresAt > now,
      }))
      .sort((a, b) => (a.projection < b.projection ? -1 : a.projection > b.projection ? 1 : 0));
  }

  // Whoever holds the latest token may write, even past its expiry as long as nobody took over.
  check(fence: Lease | undefined, what: string): void {
    if (fence && !this.holding(fence)) throw new FencedError(fence, `${what} refused`);
  }

  private holding(lease: Lease): Held | null {
    const held = this.leases.get(lease.projection);
    return held && held.token === lease.token && held.owner === lease.owner ? held : null;
  }
}
