import type { DetectorScratch } from '../overload-detector.js';
import { median, tricubeWeights, weightedLinearFit } from '../statistics.js';

/** Robustifying iterations of robust loess (Cleveland, JASA 1979, recommends two or three). */
const ROBUST_ITERATIONS = 3;

/** How many of the newest values local regression fits (Beloglazov & Buyya use 10). */
export const REGRESSION_WINDOW = 10;

/**
 * Predicted utilization `stepsAhead` intervals after the newest value, by loess on the newest
 * REGRESSION_WINDOW values (tricube weights). `robust` re-weights by the residuals with bisquare
 * weights, ROBUST_ITERATIONS times (Cleveland's robust loess), which discounts outliers. Linear in the history when
 * not robust, so the prediction for a sum of histories is the sum of predictions.
 */
export function predictUtilization(history: Float64Array, n: number, stepsAhead: number, robust: boolean, scratch: DetectorScratch): number {
  const m = Math.min(n, REGRESSION_WINDOW);
  if (!robust) return m > 0 ? predictPlain(history, n, m, stepsAhead) : 0;
  scratch.ensure(m);
  const y = history.subarray(n - m, n);
  const weights = scratch.weights;
  tricubeWeights(m, weights);
  weightedLinearFit(y, weights, m, scratch.fit);
  for (let iteration = 0; robust && iteration < ROBUST_ITERATIONS; iteration++) {
    const residuals = scratch.residuals;
    for (let i = 0; i < m; i++) residuals[i] = Math.abs(y[i]! - (scratch.fit[0]! + scratch.fit[1]! * i));
    const scale = 6 * median(residuals, m, scratch.values);
    if (!(scale > 0)) break;
    tricubeWeights(m, weights);
    for (let i = 0; i < m; i++) {
      const u = residuals[i]! / scale;
      weights[i] = u < 1 ? weights[i]! * (1 - u * u) * (1 - u * u) : 0;
    }
    weightedLinearFit(y, weights, m, scratch.fit);
  }
  return scratch.fit[0]! + scratch.fit[1]! * (m - 1 + stepsAhead);
}

/**
 * The plain (not robust) prediction, called for every VM and host each round. The tricube
 * weights depend only on m, and so do the fit's sums over x alone; these are kept per m, so a
 * call sums only the terms in y. The arithmetic is weightedLinearFit's, term for term and in
 * the same order, so the result is the same to the last bit.
 */
function predictPlain(history: Float64Array, n: number, m: number, stepsAhead: number): number {
  const fit = plainFits[m] ?? (plainFits[m] = new PlainFit(m));
  const offset = n - m;
  const weights = fit.weights;
  let sy = 0;
  for (let i = 0; i < m; i++) sy += weights[i]! * history[offset + i]!;
  const my = sy / fit.sw;
  const dx = fit.weightedDx;
  let sxy = 0;
  for (let i = 0; i < m; i++) sxy += dx[i]! * (history[offset + i]! - my);
  const slope = fit.sxx > 0 ? sxy / fit.sxx : 0;
  return my - slope * fit.mx + slope * (m - 1 + stepsAhead);
}

/** What weightedLinearFit computes from the tricube weights of m points alone. */
class PlainFit {
  readonly weights: Float64Array;
  readonly sw: number;
  readonly mx: number;
  readonly sxx: number;
  /** w_i x (i - mx), the factor of (y_i - my) in sxy. */
  readonly weightedDx: Float64Array;

  constructor(m: number) {
    this.weights = new Float64Array(m);
    tricubeWeights(m, this.weights);
    let sw = 0;
    let sx = 0;
    for (let i = 0; i < m; i++) {
      sw += this.weights[i]!;
      sx += this.weights[i]! * i;
    }
    this.sw = sw;
    this.mx = sx / sw;
    this.weightedDx = new Float64Array(m);
    let sxx = 0;
    for (let i = 0; i < m; i++) {
      const w = this.weights[i]!;
      sxx += w * (i - this.mx) * (i - this.mx);
      this.weightedDx[i] = w * (i - this.mx);
    }
    this.sxx = sxx;
  }
}

const plainFits: (PlainFit | undefined)[] = [];
