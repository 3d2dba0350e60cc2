/** Linearly interpolated quantiles (R type 7), null when there are no values. */
export interface Quantiles {
  min: number;
  p25: number;
  median: number;
  p75: number;
  p95: number;
  max: number;
}

/** Quantiles of the values, rounded to `digits` decimals; null when there are none. */
export function quantiles(values: Float64Array, digits = 3): Quantiles | null {
  if (values.length === 0) return null;
  const sorted = values.slice().sort();
  const q = (p: number) => round(quantileOfSorted(sorted, p), digits);
  return { min: q(0), p25: q(0.25), median: q(0.5), p75: q(0.75), p95: q(0.95), max: q(1) };
}

/** Type-7 quantile of ascending values. */
export function quantileOfSorted(sorted: Float64Array, p: number): number {
  const h = (sorted.length - 1) * p;
  const lo = Math.floor(h);
  const hi = Math.min(sorted.length - 1, lo + 1);
  return sorted[lo]! + (h - lo) * (sorted[hi]! - sorted[lo]!);
}

/** Rounds to `digits` decimals; never returns -0. */
export function round(value: number, digits: number): number {
  const factor = 10 ** digits;
  const rounded = Math.round(value * factor) / factor;
  return Object.is(rounded, -0) ? 0 : rounded;
}

/**
 * The type-7 quantile without a full sort (quickselect, O(n) expected); reorders `values` in
 * place. Same result as quantileOfSorted on the sorted values.
 */
export function quantileInPlace(values: Float64Array, p: number): number {
  const h = (values.length - 1) * p;
  const lo = Math.floor(h);
  const low = select(values, lo);
  if (h === lo) return low;
  let high = Number.POSITIVE_INFINITY;
  for (let i = lo + 1; i < values.length; i++) if (values[i]! < high) high = values[i]!;
  return low + (h - lo) * (high - low);
}

/** Moves the k-th smallest value to index k, smaller ones before it, larger after (Hoare). */
function select(a: Float64Array, k: number): number {
  let lo = 0;
  let hi = a.length - 1;
  while (hi > lo) {
    const x = a[lo]!;
    const y = a[(lo + hi) >> 1]!;
    const z = a[hi]!;
    const pivot = x < y ? (y < z ? y : x < z ? z : x) : x < z ? x : y < z ? z : y;
    let i = lo;
    let j = hi;
    while (i <= j) {
      while (a[i]! < pivot) i++;
      while (a[j]! > pivot) j--;
      if (i <= j) {
        const t = a[i]!;
        a[i++] = a[j]!;
        a[j--] = t;
      }
    }
    if (k <= j) hi = j;
    else if (k >= i) lo = i;
    else return a[k]!;
  }
  return a[k]!;
}
