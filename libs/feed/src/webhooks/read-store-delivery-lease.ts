import type { ReadStore } from '@sales/read-store';
import type { DeliveryLease, DeliveryLeaseHandle } from './delivery-lease.js';

// The right to deliver a webhook, kept in the shared read store under `webhook:<id>`, beside the
// projections' leases and with the same fencing: several API processes and workers may run a
// dispatcher, and each webhook is delivered by the one holding its lease. The handle doubles as
// the fence of the webhook's progress writes, so a holder that lost it can no longer move them.
export class ReadStoreDeliveryLease implements DeliveryLease {
  constructor(private readonly store: ReadStore) {}

  async acquire(name: string, owner: string, ttlMs: number): Promise<DeliveryLeaseHandle | null> {
    const lease = await this.store.acquireLease(name, owner, ttlMs);
    return lease && { name: lease.projection, owner: lease.owner, token: lease.token };
  }

  renew(handle: DeliveryLeaseHandle, ttlMs: number): Promise<boolean> {
    return this.store.renewLease(fenceOf(handle), ttlMs);
  }

  release(handle: DeliveryLeaseHandle): Promise<void> {
    return this.store.releaseLease(fenceOf(handle));
  }
}

export const fenceOf = (handle: DeliveryLeaseHandle) => ({
  projection: handle.name,
  owner: handle.owner,
  token: handle.token,
});
