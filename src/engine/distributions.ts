import type { RandomStream } from './random.js';

/** Exponential with the given mean (inverse CDF). */
export function exponential(rng: RandomStream, mean: number): number {
  return -mean * Math.log(1 - rng.next());
}

/** Weibull with shape k and scale lambda (inverse CDF: lambda * (-ln(1-u))^(1/k)). */
export function weibull(rng: RandomStream, shape: number, scale: number): number {
  return scale * Math.pow(-Math.log(1 - rng.next()), 1 / shape);
}

/** Standard normal by Box-Muller (uses two uniforms per draw, keeps no state). */
export function standardNormal(rng: RandomStream): number {
  const u1 = 1 - rng.next();
  const u2 = rng.next();
  return Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
}

/** Lognormal: exp(mu + sigma * Z). */
export function lognormal(rng: RandomStream, mu: number, sigma: number): number {
  return Math.exp(mu + sigma * standardNormal(rng));
}
