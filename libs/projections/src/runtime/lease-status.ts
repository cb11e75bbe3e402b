import type { LeaseState } from '@sales/read-store';

// Whether a projection has a live projector behind it is the store's answer about its lease (held
// and not expired by the store's clock), not a guess from how recently its status was written.
export const liveHolder = (leases: LeaseState[], projection: string): LeaseState | null =>
  leases.find((lease) => lease.projection === projection && lease.live) ?? null;

export const noHolderMessage = (projection: string): string =>
  `no projector holds the lease of ${projection} (stopped, or died and not yet taken over)`;
