// Exact percentiles: linear interpolation between closest ranks, as numpy's default ('linear')
// and Excel's PERCENTILE.INC. `sorted` must be in ascending order.
export function percentile(sorted: ArrayLike<number>, p: number): number | null {
  const n = sorted.length;
  if (n === 0) return null;
  const h = (n - 1) * p;
  const lo = Math.floor(h);
  const hi = Math.min(lo + 1, n - 1);
  const t = h - lo;
  const a = sorted[lo];
  const b = sorted[hi];
  // numpy's _lerp: from the nearer end, so that t = 1 gives b exactly.
  return t >= 0.5 ? b - (b - a) * (1 - t) : a + (b - a) * t;
}

// A typed array sorts numerically (and fast); a plain array would sort as strings.
export const ascending = (values: ArrayLike<number>): Float64Array => Float64Array.from(values).sort();
