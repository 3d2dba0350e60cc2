import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { multipleCorrelations } from '../../src/migration/selectors/mc.js';

/** The naive reference: regress series `target` on the others by its own normal equations. */
function rSquaredByRegression(series: Float64Array[], target: number, n: number): number {
  const others = series.filter((_, i) => i !== target);
  const k = others.length + 1;
  const x = (t: number, j: number) => (j === 0 ? 1 : others[j - 1]![t]!);
  const a = Array.from({ length: k }, () => new Array<number>(k + 1).fill(0));
  for (let t = 0; t < n; t++) {
    for (let i = 0; i < k; i++) {
      for (let j = 0; j < k; j++) a[i]![j] += x(t, i) * x(t, j);
      a[i]![k] += x(t, i) * series[target]![t]!;
    }
  }
  for (let col = 0; col < k; col++) {
    let p = col;
    for (let r = col + 1; r < k; r++) if (Math.abs(a[r]![col]!) > Math.abs(a[p]![col]!)) p = r;
    [a[col], a[p]] = [a[p]!, a[col]!];
    for (let r = 0; r < k; r++) {
      if (r === col) continue;
      const f = a[r]![col]! / a[col]![col]!;
      for (let c = col; c <= k; c++) a[r]![c] -= f * a[col]![c]!;
    }
  }
  const b = a.map((row, i) => row[k]! / row[i]!);
  const y = series[target]!;
  const mean = y.reduce((s, v) => s + v, 0) / n;
  let residual = 0;
  let total = 0;
  for (let t = 0; t < n; t++) {
    let fit = 0;
    for (let j = 0; j < k; j++) fit += b[j]! * x(t, j);
    residual += (y[t]! - fit) ** 2;
    total += (y[t]! - mean) ** 2;
  }
  return 1 - residual / total;
}

describe('maximum correlation', () => {
  it('gives each series the R^2 of its regression on the others, as k separate regressions do', () => {
    fc.assert(
      fc.property(fc.integer({ min: 2, max: 6 }), fc.integer({ min: 1, max: 1000 }), (k, seed) => {
        const n = k + 8;
        let x = seed;
        const next = () => ((x = (x * 1103515245 + 12345) % 2147483648) / 2147483648);
        const series = Array.from({ length: k }, () => Float64Array.from({ length: n }, () => next()));
        const fast = multipleCorrelations(series, n);
        for (let i = 0; i < k; i++) expect(fast[i]!).toBeCloseTo(rSquaredByRegression(series, i, n), 6);
      }),
      { numRuns: 100 },
    );
  });

  it('finds the series that the others explain exactly', () => {
    // c = a + 2b exactly: R^2(c | a, b) = 1, and so are a's and b's (each is a linear mix of the others).
    const a = Float64Array.from([1, 3, 2, 5, 4, 6, 2, 8]);
    const b = Float64Array.from([2, 1, 4, 3, 6, 2, 7, 1]);
    const c = Float64Array.from(a, (v, t) => v + 2 * b[t]!);
    const d = Float64Array.from([5, 1, 4, 1, 5, 9, 2, 6]);
    const r2 = multipleCorrelations([a, b, c, d], 8);
    expect(r2[2]!).toBeCloseTo(1, 6);
    expect(r2[3]!).toBeLessThan(0.9);
  });
});
