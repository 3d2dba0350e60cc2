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
      histories.push(out);
    }
    if (n < count + 1) return minimumMigrationTime.select(candidates, count, view, rng);
    let best = candidates[0]!;
    let bestR2 = -Infinity;
    for (let i = 0; i < count; i++) {
      const r2 = rSquared(histories, i, n);
      if (r2 > bestR2) {
        bestR2 = r2;
        best = candidates[i]!;
      }
    }
    return best;
  },
};

/** R^2 of regressing series `target` on the other series (with intercept), over their newest n values. */
function rSquared(series: Float64Array[], target: number, n: number): number {
  const k = series.length; // intercept + (k - 1) regressors
  const tail = (s: Float64Array, t: number) => s[s.length - n + t]!;
  const row = (t: number, j: number) => (j === 0 ? 1 : tail(series[j <= target ? j - 1 : j]!, t));
  // Normal equations (X'X) b = X'y, with a tiny ridge so that collinear histories still solve.
  const a = Array.from({ length: k }, () => new Float64Array(k + 1));
  let meanY = 0;
  for (let t = 0; t < n; t++) meanY += tail(series[target]!, t) / n;
  for (let t = 0; t < n; t++) {
    const y = tail(series[target]!, t);
    for (let i = 0; i < k; i++) {
      const xi = row(t, i);
      for (let j = 0; j < k; j++) a[i]![j] = a[i]![j]! + xi * row(t, j);
      a[i]![k] = a[i]![k]! + xi * y;
    }
  }
  for (let i = 0; i < k; i++) a[i]![i] = a[i]![i]! + 1e-9;
  const b = solve(a, k);
  let residual = 0;
  let total = 0;
  for (let t = 0; t < n; t++) {
    const y = tail(series[target]!, t);
    let fit = 0;
    for (let j = 0; j < k; j++) fit += b[j]! * row(t, j);
    residual += (y - fit) * (y - fit);
    total += (y - meanY) * (y - meanY);
  }
  return total > 0 ? 1 - residual / total : 0;
}

/** Gauss-Jordan elimination with partial pivoting on an augmented k x (k+1) matrix. */
function solve(a: Float64Array[], k: number): Float64Array {
  for (let col = 0; col < k; col++) {
    let pivot = col;
    for (let r = col + 1; r < k; r++) if (Math.abs(a[r]![col]!) > Math.abs(a[pivot]![col]!)) pivot = r;
    [a[col], a[pivot]] = [a[pivot]!, a[col]!];
    const p = a[col]![col]!;
    if (Math.abs(p) < 1e-15) continue;
    for (let r = 0; r < k; r++) {
      if (r === col) continue;
      const f = a[r]![col]! / p;
      for (let c = col; c <= k; c++) a[r]![c] = a[r]![c]! - f * a[col]![c]!;
    }
  }
  return Float64Array.from({ length: k }, (_, i) => (Math.abs(a[i]![i]!) < 1e-15 ? 0 : a[i]![k]! / a[i]![i]!));
}
