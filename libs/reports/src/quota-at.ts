import type { QuotaDoc } from '@sales/projections';

// The latest QuotaSet with occurredAt ≤ asOf (settings are kept in time order); null if none yet.
export function quotaAt(doc: QuotaDoc, asOf: string): number | null {
  let amountMinor: number | null = null;
  for (const setting of doc.settings) if (setting.occurredAt <= asOf) amountMinor = setting.amountMinor;
  return amountMinor;
}
