export type QuotaState =
  | { status: 'none' }
  | { status: 'set'; ownerId: string; period: string; amountMinor: number; lastOccurredAt: string };
