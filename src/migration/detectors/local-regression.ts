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
