import { readFileSync } from 'node:fs';
import { InputError } from '../common/input-error.js';
import type { Workload } from '../traces/workload.js';
import type { ScenarioSpec } from './scenario-spec.js';

/**
 * Which VMs of a run are deferrable (docs/simulation.md), as the simulation's per-VM flags:
 * the VMs listed in `deferrableVms`; else every VM when `deferrable` is true, or when it is
 * absent and the trace format is batch work (swf; `batchWork` is deferrableByDefault of the trace
 * registry, passed in so that a run does not load every trace reader); else none (undefined:
 * the feature is off).
 */
export function deferrableFlags(
  spec: Pick<ScenarioSpec, 'deferrable' | 'deferrableVms' | 'compat'>,
  workload: Workload,
  where: { file?: string },
  batchWork: (format: string) => boolean,
): Uint8Array | undefined {
  if (spec.deferrableVms !== undefined) {
    if (spec.deferrable === false) throw new InputError('a list of deferrable VMs conflicts with "deferrable": false', { ...where, field: 'deferrableVms' });
    return noCompat(spec, readDeferrableVms(spec.deferrableVms, workload), where, 'deferrableVms');
  }
  if (!(spec.deferrable ?? batchWork(workload.format))) return undefined;
  // A batch format's default gives way to the compatibility mode, which reproduces CloudSim as it is.
  if (spec.deferrable === undefined && spec.compat) return undefined;
  return noCompat(spec, new Uint8Array(workload.vmCount).fill(1), where, 'deferrable');
}

/** What validate can check without the trace: the fields agree, and the list file can be read. */
export function checkDeferrableSpec(spec: Pick<ScenarioSpec, 'deferrable' | 'deferrableVms' | 'compat'>, where: { file?: string }): void {
  if (spec.deferrableVms === undefined) {
    if (spec.deferrable === true) noCompat(spec, new Uint8Array(0), where, 'deferrable');
    return;
  }
  if (spec.deferrable === false) throw new InputError('a list of deferrable VMs conflicts with "deferrable": false', { ...where, field: 'deferrableVms' });
  noCompat(spec, new Uint8Array(0), where, 'deferrableVms');
  try {
    readFileSync(spec.deferrableVms);
  } catch {
    throw new InputError('cannot read file', { file: spec.deferrableVms, field: 'deferrableVms' });
  }
}

function noCompat(spec: Pick<ScenarioSpec, 'compat'>, flags: Uint8Array, where: { file?: string }, field: string): Uint8Array {
  if (spec.compat) throw new InputError('deferrable work is not part of the CloudSim compatibility mode', { ...where, field });
  return flags;
}

/**
 * Reads a list of VM ids, one per line; blank lines and lines starting with `#` are skipped.
 * An id the workload does not have is an InputError naming the file and line.
 */
export function readDeferrableVms(path: string, workload: Workload): Uint8Array {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    throw new InputError('cannot read file', { file: path, field: 'deferrableVms' });
  }
  const index = new Map<string, number>();
  workload.vmIds.forEach((id, vm) => index.set(id, vm));
  const flags = new Uint8Array(workload.vmCount);
  text
    .replace(/^\uFEFF/, '')
    .split(/\r?\n/)
    .forEach((raw, i) => {
      const id = raw.trim();
      if (id === '' || id.startsWith('#')) return;
      const vm = index.get(id);
      if (vm === undefined) throw new InputError(`no VM "${id}" in the trace`, { file: path, line: i + 1, field: 'vm id' });
      flags[vm] = 1;
    });
  return flags;
}
