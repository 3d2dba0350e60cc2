import { predictUtilization } from '../detectors/local-regression.js';
import { DetectorScratch } from '../overload-detector.js';
import { interquartileRange, medianAbsoluteDeviation } from '../statistics.js';

/** CloudSim's regression window (PowerVmAllocationPolicyMigrationLocalRegression: length = 10). */
export const CLOUDSIM_REGRESSION_WINDOW = 10;
/** Non-zero history values iqr and mad need (MathUtil.countNonZeroBeginning(data) >= 12). */
export const CLOUDSIM_MIN_SPREAD_HISTORY = 12;

export type CloudsimDetectorName = 'thr' | 'iqr' | 'mad' | 'lr' | 'lrr';

export interface CloudsimDetectorSettings {
  name: CloudsimDetectorName;
  safety: number;
  /** The static threshold CloudSim's runners give as the fallback policy (0.7). */
  fallbackThreshold: number;
  unweightedRegression: boolean;
  nearestRankIqr: boolean;
}

/**
 * isHostOverUtilized of CloudSim's detectors, over a host utilization history (oldest first,
 * newest = now; `n` values) and its requested utilization now. Zeros at the old end are
 * dropped first, as MathUtil.trimZeroTail does to CloudSim's newest-first array.
 */
export class CloudsimDetector {
  private readonly scratch = new DetectorScratch();
  private sorted = new Float64Array(64);

  constructor(private readonly settings: CloudsimDetectorSettings) {}

  overloaded(history: Float64Array, n: number, utilizationNow: number, stepsAhead: number): boolean {
    const s = this.settings;
    let start = 0;
    while (start < n && history[start] === 0) start++;
    const length = n - start;
    const fallback = utilizationNow > s.fallbackThreshold;
    switch (s.name) {
      case 'thr':
        return utilizationNow > s.safety;
      case 'lr':
      case 'lrr': {
        if (length < CLOUDSIM_REGRESSION_WINDOW) return fallback;
        const predicted = s.unweightedRegression
          ? unweightedPrediction(history, n, stepsAhead)
          : predictUtilization(history, n, stepsAhead, s.name === 'lrr', this.scratch);
        return predicted * s.safety >= 1;
      }
      case 'iqr':
      case 'mad': {
        let nonZeroNewest = 0;
        while (nonZeroNewest < length && history[n - 1 - nonZeroNewest] !== 0) nonZeroNewest++;
        if (nonZeroNewest < CLOUDSIM_MIN_SPREAD_HISTORY) return fallback;
        const data = history.subarray(start, n);
        this.scratch.ensure(length);
        const spread =
          s.name === 'mad'
            ? medianAbsoluteDeviation(data, length, this.scratch.values)
            : s.nearestRankIqr
              ? this.nearestRankIqr(data, length)
              : interquartileRange(data, length, this.scratch.values);
        return utilizationNow > 1 - s.safety * spread;
      }
    }
  }

  /** MathUtil.iqr: q1 = data[round(0.25 (n + 1)) - 1], q3 = data[round(0.75 (n + 1)) - 1] of the sorted data. */
  private nearestRankIqr(data: Float64Array, n: number): number {
    if (this.sorted.length < n) this.sorted = new Float64Array(n);
    const sorted = this.sorted.subarray(0, n);
    sorted.set(data.subarray(0, n));
    sorted.sort();
    const q1 = Math.round(0.25 * (n + 1)) - 1;
    const q3 = Math.round(0.75 * (n + 1)) - 1;
    return sorted[q3]! - sorted[q1]!;
  }
}

/**
 * MathUtil.getLoessParameterEstimates as CloudSim 3.0.3 runs it: its tricube "weights" are
 * inverted and never zero, so createWeigthedLinearRegression falls through to an ordinary fit
 * of the newest 10 values at x = 1..10; the prediction is at x = 10 + stepsAhead.
 */
export function unweightedPrediction(history: Float64Array, n: number, stepsAhead: number): number {
  const m = CLOUDSIM_REGRESSION_WINDOW;
  let sx = 0;
  let sy = 0;
  for (let i = 0; i < m; i++) {
    sx += i + 1;
    sy += history[n - m + i]!;
  }
  const mx = sx / m;
  const my = sy / m;
  let sxx = 0;
  let sxy = 0;
  for (let i = 0; i < m; i++) {
    const dx = i + 1 - mx;
    sxx += dx * dx;
    sxy += dx * (history[n - m + i]! - my);
  }
  const slope = sxy / sxx;
  return my + slope * (m + stepsAhead - mx);
}
