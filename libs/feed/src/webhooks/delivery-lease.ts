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
