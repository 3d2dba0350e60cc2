import { resolve } from 'node:path';
import { InputError } from '../common/input-error.js';
import { stableStringify } from '../common/stable-json.js';
import { loadSpec } from '../model/load-spec.js';
import { SweepSpecSchema, type SweepSpec } from '../scenario/json-schemas.js';

export type { SweepSpec };

/** One swept scenario key and its values. */
export interface SweepAxis {
  key: string;
  values: unknown[];
}

/**
 * A validated sweep file. Axes are sorted by key, so the run order never follows JSON key order
 * and a key is set before the keys nested in it (`consolidation`, then `consolidation.selection`).
 */
export interface LoadedSweep {
  file: string;
  spec: SweepSpec;
  axes: SweepAxis[];
  metrics: string[];
}

/** Metrics of sweep.json when a sweep file names none (paths into summary.json). */
export const DEFAULT_SWEEP_METRICS: readonly string[] = [
  'energyKWh',
  'powerMeanW',
  'hosts.activeMean',
  'cpu.utilizationMean',
  'cpu.unmetFraction',
  'vms.unplaced',
  'migrations',
  'sla.slav',
  'availability',
];

const DOTTED_KEY = /^[A-Za-z_$][\w$]*(\.[A-Za-z_$][\w$]*)*$/;

export function loadSweepSpec(file: string): LoadedSweep {
  const path = resolve(file);
  const spec = loadSpec(path, SweepSpecSchema);
  const keys = Object.keys(spec.parameters).sort();
  if (keys.length === 0) throw new InputError('no parameters to sweep; give at least one key with a list of values', { file: path, field: 'parameters' });
  const axes = keys.map((key) => {
    const field = `parameters["${key}"]`;
    if (!DOTTED_KEY.test(key)) throw new InputError('expected a scenario key, dotted for nested keys (e.g. "placement.policy")', { file: path, field });
    if (key === '$schema' || key.startsWith('$schema.')) throw new InputError('"$schema" cannot be swept', { file: path, field });
    const values = spec.parameters[key]!;
    const seen = new Map<string, number>();
    values.forEach((value, i) => {
      const text = stableStringify(value);
      const first = seen.get(text);
      if (first !== undefined) throw new InputError(`value repeats [${first}]`, { file: path, field: `${field}[${i}]` });
      seen.set(text, i);
    });
    return { key, values };
  });
  const metrics = spec.metrics ?? [...DEFAULT_SWEEP_METRICS];
  if (new Set(metrics).size !== metrics.length) throw new InputError('metrics repeat', { file: path, field: 'metrics' });
  return { file: path, spec, axes, metrics };
}

/** The number of runs of a sweep: the product of its axis lengths. */
export function sweepSize(axes: readonly SweepAxis[]): number {
  return axes.reduce((n, axis) => n * axis.values.length, 1);
}

/** The parameter values of run `index` in row-major order (the last axis varies fastest). */
export function pointAt(axes: readonly SweepAxis[], index: number): Record<string, unknown> {
  const point: Record<string, unknown> = {};
  let rest = index;
  for (let a = axes.length - 1; a >= 0; a--) {
    const axis = axes[a]!;
    point[axis.key] = axis.values[rest % axis.values.length];
    rest = Math.floor(rest / axis.values.length);
  }
  return point;
}

/** `placement.policy=best-fit seed=2`: how a run is named in messages and logs. */
export function pointLabel(axes: readonly SweepAxis[], point: Record<string, unknown>): string {
  return axes.map((axis) => `${axis.key}=${labelValue(point[axis.key])}`).join(' ');
}

function labelValue(value: unknown): string {
  return typeof value === 'string' ? value : JSON.stringify(value);
}
