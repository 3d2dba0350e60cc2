import type { VmSelector } from '../vm-selector.js';
import { minimumMigrationTime } from './mmt.js';

/**
 * Maximum correlation: the VM whose utilization history is best explained by the others' on the
 * same host (largest R^2 of a least-squares regression of its history on theirs) - the one most
 * likely to peak together with them. Falls back to mmt while history is too short to fit.
 */
export const maximumCorrelation: VmSelector = {
  name: 'mc',
  select(candidates, count, view, rng) {
    if (count < 2) return candidates[0]!;
    const histories: Float64Array[] = [];
    let n = Infinity;
    for (let i = 0; i < count; i++) {
      const out = new Float64Array(64);
      n = Math.min(n, view.history(candidates[i]!, out));
      histories.push(out.subarray(0, n));
    }
    if (n < count + 1) return minimumMigrationTime.select(candidates, count, view, rng);
    const r2 = multipleCorrelations(histories.map((h) => h.subarray(h.length - n)), n);
    let best = 0;
    for (let i = 1; i < count; i++) if (r2[i]! > r2[best]!) best = i;
    return candidates[best]!;
  },
};

/**
 * R^2 of regressing each series on all the others (with intercept), for every series at once:
 * R^2_i = 1 - 1 / (C_ii (C^-1)_ii) with C the covariance matrix of the series - one k x k
 * inversion instead of k regressions. A tiny ridge keeps collinear histories solvable; a series
 * with no variance gets R^2 = 0.
 */
export function multipleCorrelations(series: readonly Float64Array[], n: number): Float64Array {
  const k = series.length;
  const means = series.map((s) => {
    let sum = 0;
    for (let t = 0; t < n; t++) sum += s[t]!;
    return sum / n;
  });
  const c = Array.from({ length: k }, () => new Float64Array(2 * k));
  for (let i = 0; i < k; i++) {
    for (let j = i; j < k; j++) {
      let sum = 0;
      for (let t = 0; t < n; t++) sum += (series[i]![t]! - means[i]!) * (series[j]![t]! - means[j]!);
      c[i]![j] = sum;
      c[j]![i] = sum;
    }
  }
  const variance = Float64Array.from({ length: k }, (_, i) => c[i]![i]!);
  let trace = 0;
  for (let i = 0; i < k; i++) trace += variance[i]!;
  const ridge = 1e-12 * (trace / k || 1);
  for (let i = 0; i < k; i++) {
    c[i]![i] = c[i]![i]! + ridge;
    c[i]![k + i] = 1;
  }
  invertInPlace(c, k);
  return Float64Array.from({ length: k }, (_, i) => {
    const product = variance[i]! * c[i]![k + i]!;
    return variance[i]! > 0 && product > 0 ? Math.max(0, 1 - 1 / product) : 0;
  });
}

/** Gauss-Jordan with partial pivoting on [A | I]; leaves A^-1 in the right half. */
function invertInPlace(a: Float64Array[], k: number): void {
  for (let col = 0; col < k; col++) {
    let pivot = col;
    for (let r = col + 1; r < k; r++) if (Math.abs(a[r]![col]!) > Math.abs(a[pivot]![col]!)) pivot = r;
    [a[col], a[pivot]] = [a[pivot]!, a[col]!];
    const p = a[col]![col]!;
    if (p === 0) continue;
    const row = a[col]!;
    for (let c = 0; c < 2 * k; c++) row[c] = row[c]! / p;
    for (let r = 0; r < k; r++) {
      if (r === col) continue;
      const f = a[r]![col]!;
      if (f === 0) continue;
      const target = a[r]!;
      for (let c = 0; c < 2 * k; c++) target[c] = target[c]! - f * row[c]!;
    }
  }
}
