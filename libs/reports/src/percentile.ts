// Exact percentiles: linear interpolation between closest ranks, as numpy's default ('linear')
// and Excel's PERCENTILE.INC. `sorted` must be in ascending order.
export function percentile(sorted: ArrayLike<number>, p: number): number | null {
  const n = sorted.length;
  if (n === 0) return null;
  const { lo, hi, t } = ranks(n, p);
  return lerp(sorted[lo], sorted[hi], t);
}

// A typed array sorts numerically (and fast); a plain array would sort as strings.
export const ascending = (values: ArrayLike<number>): Float64Array => Float64Array.from(values).sort();

// The same percentile of values in any order, without sorting them: only the two ranks it
// interpolates between are put in place (quickselect), in linear time on average. For a single
// percentile of a large sample, where a sort would do most of the work for nothing.
export function percentileOf(values: ArrayLike<number>, p: number): number | null {
  const n = values.length;
  if (n === 0) return null;
  const { lo, hi, t } = ranks(n, p);
  const a = Float64Array.from(values);
  select(a, lo);
  // Everything after lo is ≥ a[lo]: the next rank is the least of it.
  let b = a[lo];
  if (hi > lo) {
    b = a[hi];
    for (let i = hi + 1; i < n; i++) if (a[i] < b) b = a[i];
  }
  return lerp(a[lo], b, t);
}

function ranks(n: number, p: number) {
  const h = (n - 1) * p;
  const lo = Math.floor(h);
  return { lo, hi: Math.min(lo + 1, n - 1), t: h - lo };
}

// numpy's _lerp: from the nearer end, so that t = 1 gives b exactly.
const lerp = (a: number, b: number, t: number): number =>
  t >= 0.5 ? b - (b - a) * (1 - t) : a + (b - a) * t;

// Puts the k-th smallest at a[k], the smaller ones before it and the others after (Hoare's
// partition around the median of three, narrowed to the side that holds k).
function select(a: Float64Array, k: number): void {
  let left = 0;
  let right = a.length - 1;
  while (right > left) {
    const mid = (left + right) >>> 1;
    const pivot = medianOfThree(a[left], a[mid], a[right]);
    let i = left;
    let j = right;
    while (i <= j) {
      while (a[i] < pivot) i++;
      while (a[j] > pivot) j--;
      if (i <= j) {
        const swap = a[i];
        a[i] = a[j];
        a[j] = swap;
        i++;
        j--;
      }
    }
    if (k <= j) right = j;
    else if (k >= i) left = i;
    else return;
  }
}

const medianOfThree = (x: number, y: number, z: number): number =>
  x < y ? (y < z ? y : x < z ? z : x) : x < z ? x : y < z ? z : y;
