import type { PowerSpec } from './specs.js';

/**
 * Power as a function of CPU utilization, as 11 points at 0, 10, ..., 100% load with linear
 * interpolation between them (a linear model is the same with two ends). Utilization above 1
 * is clamped: a host cannot draw more than its full-load power.
 */
export function powerCurve(spec: PowerSpec): Float64Array {
  if (spec.kind === 'table') return Float64Array.from(spec.wattsAtLoad);
  const curve = new Float64Array(11);
  for (let i = 0; i <= 10; i++) curve[i] = spec.idleW + ((spec.maxW - spec.idleW) * i) / 10;
  return curve;
}

/** Power in W at `utilization` (0..1) on an 11-point curve. */
export function powerAt(curve: Float64Array, utilization: number): number {
  const u = utilization <= 0 ? 0 : utilization >= 1 ? 1 : utilization;
  const scaled = u * 10;
  const lower = Math.floor(scaled);
  if (lower >= 10) return curve[10]!;
  const fraction = scaled - lower;
  return curve[lower]! + (curve[lower + 1]! - curve[lower]!) * fraction;
}
