/**
 * Small statistics over the first `n` values of an array (oldest first). Pure; `scratch` holds
 * at least n values and is overwritten.
 */

export function median(values: ArrayLike<number>, n: number, scratch: Float64Array): number {
  for (let i = 0; i < n; i++) scratch[i] = values[i]!;
  const sorted = scratch.subarray(0, n).sort();
  return n % 2 === 1 ? sorted[(n - 1) / 2]! : (sorted[n / 2 - 1]! + sorted[n / 2]!) / 2;
}

/** Median absolute deviation: median(|x - median(x)|). */
export function medianAbsoluteDeviation(values: ArrayLike<number>, n: number, scratch: Float64Array): number {
  const center = median(values, n, scratch);
  for (let i = 0; i < n; i++) scratch[i] = Math.abs(values[i]! - center);
  return median(scratch, n, scratch);
}

/** Quantile with linear interpolation between order statistics (type 7, as R and numpy). */
export function quantileSorted(sorted: ArrayLike<number>, n: number, q: number): number {
  const position = (n - 1) * q;
  const lower = Math.floor(position);
  const upper = Math.min(n - 1, lower + 1);
  return sorted[lower]! + (sorted[upper]! - sorted[lower]!) * (position - lower);
}

/** Interquartile range Q3 - Q1. */
export function interquartileRange(values: ArrayLike<number>, n: number, scratch: Float64Array): number {
  for (let i = 0; i < n; i++) scratch[i] = values[i]!;
  const sorted = scratch.subarray(0, n).sort();
  return quantileSorted(sorted, n, 0.75) - quantileSorted(sorted, n, 0.25);
}

/**
 * Weighted least squares of y on x = 0..n-1; returns [intercept, slope] in `out`. With all
 * weights on fewer than two distinct points the slope is 0.
 */
export function weightedLinearFit(y: ArrayLike<number>, weights: ArrayLike<number>, n: number, out: Float64Array): void {
  let sw = 0;
  let sx = 0;
  let sy = 0;
  for (let i = 0; i < n; i++) {
    const w = weights[i]!;
    sw += w;
    sx += w * i;
    sy += w * y[i]!;
  }
  if (sw <= 0) {
    out[0] = 0;
    out[1] = 0;
    return;
  }
  const mx = sx / sw;
  const my = sy / sw;
  let sxx = 0;
  let sxy = 0;
  for (let i = 0; i < n; i++) {
    const w = weights[i]!;
    sxx += w * (i - mx) * (i - mx);
    sxy += w * (i - mx) * (y[i]! - my);
  }
  const slope = sxx > 0 ? sxy / sxx : 0;
  out[0] = my - slope * mx;
  out[1] = slope;
}

/**
 * Tricube weights of local regression (Cleveland's loess) centred on the newest point x = n-1:
 * w_i = (1 - (d_i / D)^3)^3 with d_i = n-1-i and D = n (so the oldest point keeps a small weight).
 */
export function tricubeWeights(n: number, out: Float64Array): void {
  for (let i = 0; i < n; i++) {
    const u = (n - 1 - i) / n;
    const t = 1 - u * u * u;
    out[i] = t * t * t;
  }
}
