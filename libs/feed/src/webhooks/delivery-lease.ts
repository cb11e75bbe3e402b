// The right to deliver one webhook, held by one process at a time. `token` grows each time the
// right changes hands, so that a holder that lost it can be told apart from the current one.
export type DeliveryLeaseHandle = { name: string; owner: string; token: number };

export interface DeliveryLease {
  /** Null while another holder's lease is live. */
  acquire(name: string, owner: string, ttlMs: number): Promise<DeliveryLeaseHandle | null>;
  /** False once the lease has passed to another holder (or lapsed and was taken). */
  renew(handle: DeliveryLeaseHandle, ttlMs: number): Promise<boolean>;
  release(handle: DeliveryLeaseHandle): Promise<void>;
}

type Held = { owner: string; token: number; expiresAt: number };

// Leases among the deliverers of one process only: right for the embedded mode, where one process
// delivers. Several processes need a lease kept in the shared read store instead.
export class ProcessLocalDeliveryLease implements DeliveryLease {
  private readonly held = new Map<string, Held>();

  constructor(private readonly now: () => number = Date.now) {}

  async acquire(name: string, owner: string, ttlMs: number): Promise<DeliveryLeaseHandle | null> {
    const current = this.held.get(name);
    const now = this.now();
    if (current && current.owner !== owner && current.expiresAt > now) return null;
    const token =
      current && current.owner === owner && current.expiresAt > now
        ? current.token
        : (current?.token ?? 0) + 1;
    this.held.set(name, { owner, token, expiresAt: now + ttlMs });
    return { name, owner, token };
  }

  async renew(handle: DeliveryLeaseHandle, ttlMs: number): Promise<boolean> {
    const current = this.held.get(handle.name);
    if (!current || current.token !== handle.token || current.owner !== handle.owner) return false;
    if (current.expiresAt <= this.now()) return false;
    current.expiresAt = this.now() + ttlMs;
    return true;
  }

  async release(handle: DeliveryLeaseHandle): Promise<void> {
    const current = this.held.get(handle.name);
    if (current && current.token === handle.token && current.owner === handle.owner) current.expiresAt = 0;
  }
}
