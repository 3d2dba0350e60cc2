import { describe, expect, it } from 'vitest';
import { exponential, lognormal, weibull } from '../../src/engine/distributions.js';
import { RandomStream } from '../../src/engine/random.js';

function draws(n: number, f: () => number): Float64Array {
  return Float64Array.from({ length: n }, f).sort();
}

/** Kolmogorov-Smirnov distance between sorted draws and a CDF. */
function ksDistance(sorted: Float64Array, cdf: (x: number) => number): number {
  let d = 0;
  sorted.forEach((x, i) => {
    const f = cdf(x);
    d = Math.max(d, Math.abs(f - i / sorted.length), Math.abs((i + 1) / sorted.length - f));
  });
  return d;
}

// For n = 20 000 the 99.9% KS critical value is about 1.95 / sqrt(n) = 0.0138.
const N = 20_000;
const KS_BOUND = 1.95 / Math.sqrt(N);

function erf(x: number): number {
  // Abramowitz & Stegun 7.1.26, |error| < 1.5e-7
  const t = 1 / (1 + 0.3275911 * Math.abs(x));
  const y = 1 - ((((1.061405429 * t - 1.453152027) * t + 1.421413741) * t - 0.284496736) * t + 0.254829592) * t * Math.exp(-x * x);
  return x >= 0 ? y : -y;
}

describe('seeded streams', () => {
  it('are reproducible per seed and label, and forks are independent of each other', () => {
    const a = new RandomStream(42).fork('failures');
    const b = new RandomStream(42).fork('failures');
    const c = new RandomStream(42).fork('placement');
    const seqA = Array.from({ length: 5 }, () => a.next());
    expect(Array.from({ length: 5 }, () => b.next())).toEqual(seqA);
    expect(Array.from({ length: 5 }, () => c.next())).not.toEqual(seqA);
    // Drawing from one fork does not shift another created from the same parent.
    const root = new RandomStream(7);
    const first = root.fork('x').next();
    root.fork('y').next();
    expect(new RandomStream(7).fork('x').next()).toBe(first);
  });

  it('draws exponential, Weibull and lognormal values that match their distributions', () => {
    const rng = new RandomStream(1);
    const exp = draws(N, () => exponential(rng, 50));
    expect(ksDistance(exp, (x) => 1 - Math.exp(-x / 50))).toBeLessThan(KS_BOUND);
    expect(exp.reduce((s, x) => s + x, 0) / N).toBeCloseTo(50, -0.3);
    const wb = draws(N, () => weibull(rng, 0.7, 100));
    expect(ksDistance(wb, (x) => 1 - Math.exp(-Math.pow(x / 100, 0.7)))).toBeLessThan(KS_BOUND);
    const ln = draws(N, () => lognormal(rng, 1, 0.5));
    expect(ksDistance(ln, (x) => 0.5 * (1 + erf((Math.log(x) - 1) / (0.5 * Math.SQRT2))))).toBeLessThan(KS_BOUND);
  });
});
