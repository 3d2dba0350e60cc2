import { exponential, lognormal, weibull } from '../engine/distributions.js';
import type { RandomStream } from '../engine/random.js';
import type { DurationDistribution } from './failure-spec.js';

/** One draw, in hours. */
export function drawHours(distribution: DurationDistribution, rng: RandomStream): number {
  switch (distribution.kind) {
    case 'exponential':
      return exponential(rng, distribution.meanHours);
    case 'weibull':
      return weibull(rng, distribution.shape, distribution.scaleHours);
    case 'lognormal':
      return lognormal(rng, distribution.mu, distribution.sigma);
  }
}

/** The mean, in hours. */
export function meanHours(distribution: DurationDistribution): number {
  switch (distribution.kind) {
    case 'exponential':
      return distribution.meanHours;
    case 'weibull':
      return distribution.scaleHours * gamma(1 + 1 / distribution.shape);
    case 'lognormal':
      return Math.exp(distribution.mu + (distribution.sigma * distribution.sigma) / 2);
  }
}

/** P(X <= hours). */
export function cdf(distribution: DurationDistribution, hours: number): number {
  if (hours <= 0) return 0;
  switch (distribution.kind) {
    case 'exponential':
      return 1 - Math.exp(-hours / distribution.meanHours);
    case 'weibull':
      return 1 - Math.exp(-Math.pow(hours / distribution.scaleHours, distribution.shape));
    case 'lognormal':
      return 0.5 * (1 + erf((Math.log(hours) - distribution.mu) / (distribution.sigma * Math.SQRT2)));
  }
}

/** Error function; Abramowitz & Stegun 7.1.26, absolute error below 1.5e-7. */
export function erf(x: number): number {
  const t = 1 / (1 + 0.3275911 * Math.abs(x));
  const poly = ((((1.061405429 * t - 1.453152027) * t + 1.421413741) * t - 0.284496736) * t + 0.254829592) * t;
  const y = 1 - poly * Math.exp(-x * x);
  return x >= 0 ? y : -y;
}

/** Gamma function (Lanczos approximation, g = 7, 9 terms; relative error about 1e-15). */
export function gamma(x: number): number {
  if (x < 0.5) return Math.PI / (Math.sin(Math.PI * x) * gamma(1 - x));
  const c = [
    0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059,
    12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7,
  ];
  const z = x - 1;
  let a = c[0]!;
  const t = z + 7.5;
  for (let i = 1; i < 9; i++) a += c[i]! / (z + i);
  return Math.sqrt(2 * Math.PI) * Math.pow(t, z + 0.5) * Math.exp(-t) * a;
}
