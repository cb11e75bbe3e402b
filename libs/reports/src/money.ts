import { fromMinorUnits } from '@sales/domain';

// Amounts are summed in integer minor units and returned rounded to 2 decimals; weighted sums
// (amount × probability) are summed unrounded and rounded once.
export const money = (minor: number): number => fromMinorUnits(minor);

export const moneyOrNull = (minor: number | null): number | null => (minor === null ? null : money(minor));
