import { describe, expect, it } from 'vitest';
import { RandomStream } from '../../src/engine/random.js';
import { cdf, drawHours, erf, gamma, meanHours } from '../../src/failures/duration-distribution.js';
import type { DurationDistribution } from '../../src/failures/failure-spec.js';

// For n = 20 000 the 99.9% Kolmogorov-Smirnov critical value is about 1.95 / sqrt(n) = 0.0138.
const N = 20_000;
const KS_BOUND = 1.95 / Math.sqrt(N);

function ksDistance(sorted: Float64Array, f: (x: number) => number): number {
  let d = 0;
  sorted.forEach((x, i) => {
    const p = f(x);
    d = Math.max(d, Math.abs(p - i / sorted.length), Math.abs((i + 1) / sorted.length - p));
  });
  return d;
}

const CASES: [string, DurationDistribution][] = [
  ['exponential, mean 8760 h', { kind: 'exponential', meanHours: 8760 }],
  ['Weibull, shape 0.75 (decreasing hazard)', { kind: 'weibull', shape: 0.75, scaleHours: 7358 }],
  ['Weibull, shape 2 (wear-out)', { kind: 'weibull', shape: 2, scaleHours: 100 }],
  ['lognormal, median 3 h, sigma 1.2', { kind: 'lognormal', mu: Math.log(3), sigma: 1.2 }],
];

describe('failure duration distributions', () => {
  it.each(CASES)('%s: seeded draws match the CDF (KS) and the mean', (_, distribution) => {
    const rng = new RandomStream(11).fork('ttf');
    const draws = Float64Array.from({ length: N }, () => drawHours(distribution, rng)).sort();
    expect(ksDistance(draws, (x) => cdf(distribution, x))).toBeLessThan(KS_BOUND);
    // Sample mean within 5 standard errors; the standard deviation is estimated from the draws.
    const mean = draws.reduce((s, x) => s + x, 0) / N;
    const sd = Math.sqrt(draws.reduce((s, x) => s + (x - mean) ** 2, 0) / (N - 1));
    expect(Math.abs(mean - meanHours(distribution))).toBeLessThan((5 * sd) / Math.sqrt(N));
  });

  it('draws the same values for the same seed and label', () => {
    const d: DurationDistribution = { kind: 'lognormal', mu: 1, sigma: 0.5 };
    const a = new RandomStream(3).fork('x');
    const b = new RandomStream(3).fork('x');
    for (let i = 0; i < 100; i++) expect(drawHours(d, a)).toBe(drawHours(d, b));
  });

  it('has closed-form means: Weibull scale x Gamma(1 + 1/shape), lognormal exp(mu + sigma^2 / 2)', () => {
    // Gamma(1 + 1/0.75) = Gamma(7/3) = (4/3) Gamma(4/3) = (4/3)(0.8929795116) = 1.1906393488
    expect(meanHours({ kind: 'weibull', shape: 0.75, scaleHours: 7358 })).toBeCloseTo(7358 * 1.1906393488, 3);
    expect(meanHours({ kind: 'weibull', shape: 1, scaleHours: 5 })).toBeCloseTo(5, 12);
    expect(meanHours({ kind: 'lognormal', mu: Math.log(3), sigma: 1.2 })).toBeCloseTo(3 * Math.exp(0.72), 12);
    expect(gamma(5)).toBeCloseTo(24, 10);
    expect(gamma(0.5)).toBeCloseTo(Math.sqrt(Math.PI), 12);
    expect(erf(0)).toBeCloseTo(0, 7);
    expect(erf(1)).toBeCloseTo(0.8427007929, 6);
    expect(erf(-1)).toBeCloseTo(-0.8427007929, 6);
  });
});
