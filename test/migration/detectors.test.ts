import { describe, expect, it } from 'vitest';
import { predictUtilization } from '../../src/migration/detectors/local-regression.js';
import { overloadDetector } from '../../src/migration/detector-registry.js';
import { gbpsToMiBps, preCopyMigration, simpleMigration } from '../../src/migration/migration-time.js';
import { DetectorScratch } from '../../src/migration/overload-detector.js';
import { interquartileRange, medianAbsoluteDeviation, tricubeWeights, weightedLinearFit } from '../../src/migration/statistics.js';
import { InputError } from '../../src/common/input-error.js';

const scratch = new DetectorScratch();
const h = (...values: number[]) => Float64Array.from(values);

describe('overload detectors on crafted histories', () => {
  it('thr 0.8 flags a step in utilization exactly at the step', () => {
    const thr = overloadDetector('thr');
    const history = h(0.3, 0.3, 0.3, 0.3, 0.9, 0.9);
    const flagged = [1, 2, 3, 4, 5, 6].map((n) => thr.overloaded(history, n, 0.8, 1, scratch));
    expect(flagged).toEqual([false, false, false, false, true, true]);
  });

  it('iqr and mad set the threshold from the spread of the history', () => {
    // 12 values 0.1..0.65 in steps of 0.05: Q1 (type 7) = 0.2375, Q3 = 0.5125 => IQR = 0.275;
    // 1 - 1.5 x 0.275 = 0.5875 < 0.65 (now) => overloaded. MAD: median 0.375, |x - m| has median 0.15
    // => 1 - 2.5 x 0.15 = 0.625 < 0.65 => overloaded; with s = 2.0: 0.7 > 0.65 => not.
    const history = Float64Array.from({ length: 12 }, (_, i) => 0.1 + 0.05 * i);
    expect(interquartileRange(history, 12, new Float64Array(12))).toBeCloseTo(0.275, 12);
    expect(medianAbsoluteDeviation(history, 12, new Float64Array(12))).toBeCloseTo(0.15, 12);
    expect(overloadDetector('iqr').limit(history, 12, 1.5, scratch)).toBeCloseTo(0.5875, 12);
    expect(overloadDetector('iqr').overloaded(history, 12, 1.5, 1, scratch)).toBe(true);
    expect(overloadDetector('mad').overloaded(history, 12, 2.5, 1, scratch)).toBe(true);
    expect(overloadDetector('mad').overloaded(history, 12, 2.0, 1, scratch)).toBe(false);
  });

  it('lr extrapolates a ramp; lrr shrugs off an outlier that lr follows', () => {
    // A perfect ramp 0.30, 0.35, ..., 0.75 predicts 0.80 one step ahead and 0.85 two steps ahead.
    const ramp = Float64Array.from({ length: 10 }, (_, i) => 0.3 + 0.05 * i);
    expect(predictUtilization(ramp, 10, 1, false, scratch)).toBeCloseTo(0.8, 12);
    expect(predictUtilization(ramp, 10, 2, false, scratch)).toBeCloseTo(0.85, 12);
    // s = 1.2: 1.2 x 0.80 = 0.96 < 1 => not overloaded; 1.2 x 0.85 = 1.02 => overloaded two steps ahead.
    expect(overloadDetector('lr').overloaded(ramp, 10, 1.2, 1, scratch)).toBe(false);
    expect(overloadDetector('lr').overloaded(ramp, 10, 1.2, 2, scratch)).toBe(true);
    // A flat 0.4 with one spike of 1.0 in the middle: the robust fit stays at 0.4.
    const spiky = h(0.4, 0.4, 0.4, 0.4, 1.0, 0.4, 0.4, 0.4, 0.4, 0.4);
    expect(predictUtilization(spiky, 10, 1, true, scratch)).toBeCloseTo(0.4, 9);
    expect(Math.abs(predictUtilization(spiky, 10, 1, false, scratch) - 0.4)).toBeGreaterThan(0.01);
  });

  it('lr predicts bit for bit what a tricube-weighted least-squares fit gives', () => {
    // Plain loess keeps its weight sums per window size; the result must not move by one bit.
    let seed = 7;
    const next = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
    for (let trial = 0; trial < 200; trial++) {
      const n = 1 + (trial % 30);
      const history = Float64Array.from({ length: n }, () => next() * (trial % 3 === 0 ? 1 : 3100));
      const steps = 1 + (trial % 4);
      const m = Math.min(n, 10);
      const weights = new Float64Array(m);
      const fit = new Float64Array(2);
      tricubeWeights(m, weights);
      weightedLinearFit(history.subarray(n - m, n), weights, m, fit);
      expect(predictUtilization(history, n, steps, false, scratch)).toBe(fit[0]! + fit[1]! * (m - 1 + steps));
    }
    expect(predictUtilization(h(), 0, 1, false, scratch)).toBe(0);
  });

  it('fails loudly on unknown names', () => {
    expect(() => overloadDetector('psychic')).toThrow(InputError);
    expect(() => overloadDetector('psychic')).toThrow('thr, iqr, mad, lr, lrr');
  });
});

describe('migration time', () => {
  it('simple: memory over half the link', () => {
    // 1 Gbit/s = 1e9 / 8 / 2^20 = 119.209 MiB/s; 1024 MiB / 59.6 MiB/s = 17.179869184 s
    expect(gbpsToMiBps(1)).toBeCloseTo(119.20928955, 8);
    expect(simpleMigration(1024, gbpsToMiBps(1)).durationMs).toBe(17_180);
  });

  it('pre-copy: rounds shrink by dirty rate / bandwidth until the rest fits in the downtime', () => {
    // 1000 MiB at 100 MiB/s, dirtying 20 MiB/s, downtime 300 ms (stop at <= 30 MiB):
    // round 1 sends 1000 (10 s), 200 dirtied; round 2 sends 200 (2 s), 40 dirtied; round 3 sends 40 (0.4 s), 8 dirtied;
    // 8 <= 30 => pause and send 8 (0.08 s). Total 12.48 s, downtime 80 ms, 1248 MiB sent.
    expect(preCopyMigration(1000, 100, 20, 300)).toEqual({ durationMs: 12_480, downtimeMs: 80, transferredMiB: 1248 });
  });
});
