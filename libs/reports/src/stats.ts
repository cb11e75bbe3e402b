import { ascending, percentile, percentileOf } from './percentile.js';

export type Stats = { mean: number | null; median: number | null; p90: number | null };

export function mean(values: ArrayLike<number>): number | null {
  if (values.length === 0) return null;
  let sum = 0;
  for (let i = 0; i < values.length; i++) sum += values[i];
  return sum / values.length;
}

export const median = (values: ArrayLike<number>): number | null => percentileOf(values, 0.5);

export function stats(values: ArrayLike<number>): Stats {
  const sorted = ascending(values);
  return { mean: mean(sorted), median: percentile(sorted, 0.5), p90: percentile(sorted, 0.9) };
}
