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
