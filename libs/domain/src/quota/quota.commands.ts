import type { CommandTime } from '../shared/event.js';

export type SetQuota = CommandTime & {
  type: 'SetQuota';
  ownerId: string;
  period: string;
  amountMinor: number;
};

export type QuotaCommand = SetQuota;
