import { InputError } from '../common/input-error.js';
import type { RandomStream } from '../engine/random.js';
import { mapWorkloadIo, type Workload } from './workload.js';

/** Workload growth for capacity planning: how a workload `factor` times larger is made. */
export type GrowthMode = 'scale' | 'replicate';
export const GROWTH_MODES: readonly GrowthMode[] = ['scale', 'replicate'];

/**
 * Every sample's CPU demand and memory use times `factor`; VM sizes, times and ids unchanged.
 * Demand above a VM's size stays unmet under fixed sharing (the VM is capped at its size), so
 * growth past the headroom inside VMs shows as unmet demand, not as more hosts.
 */
export function scaleDemand(workload: Workload, factor: number): Workload {
  checkFactor(factor);
  if (factor === 1) return workload;
  return {
    ...workload,
    sampleCpuMhz: Float32Array.from(workload.sampleCpuMhz, (v) => v * factor),
    sampleMemoryMiB: Float32Array.from(workload.sampleMemoryMiB, (v) => v * factor),
  };
}

export interface ReplicateOptions {
  /** Copies start up to this much later than their original (uniform, seeded). Default 300 000 ms. */
  maxJitterMs?: number;
}

/**
 * A workload with about `factor` times as many VMs: copy k of every VM for k < floor(factor),
 * plus copy floor(factor) of round(frac(factor) x vmCount) VMs chosen by `rng`. Copy 0 is the VM
 * itself; copy k >= 1 is named `<id>-r<k>` and shifted later by a seeded jitter in
 * [0, maxJitterMs) ms, whole ms, cut at the trace's end (samples from then on dropped).
 * Output order: copy 0 of every VM, then copy 1, and so on, VMs in input order. Pure.
 */
export function replicate(workload: Workload, factor: number, rng: RandomStream, options: ReplicateOptions = {}): Workload {
  checkFactor(factor);
  const maxJitterMs = options.maxJitterMs ?? 300_000;
  const n = workload.vmCount;
  const whole = Math.floor(factor);
  const chosen = seededSubset(n, Math.round((factor - whole) * n), rng.fork('subset'));
  const copies: { vm: number; copy: number }[] = [];
  for (let k = 0; k < whole; k++) for (let vm = 0; vm < n; vm++) copies.push({ vm, copy: k });
  for (const vm of chosen) copies.push({ vm, copy: whole });
  const jitter = rng.fork('jitter');
  const shiftMs = copies.map(({ copy }) => (copy === 0 ? 0 : Math.floor(jitter.next() * maxJitterMs)));
  return assemble(workload, copies, shiftMs);
}

function checkFactor(factor: number): void {
  if (!(Number.isFinite(factor) && factor > 0)) throw new InputError(`growth factor must be a number > 0, found ${factor}`, { field: 'growth' });
}

/** `count` distinct indices in [0, n), chosen by a seeded partial Fisher-Yates shuffle, ascending. */
function seededSubset(n: number, count: number, rng: RandomStream): number[] {
  const indices = Array.from({ length: n }, (_, i) => i);
  for (let i = 0; i < count; i++) {
    const j = i + rng.int(n - i);
    [indices[i], indices[j]] = [indices[j]!, indices[i]!];
  }
  return indices.slice(0, count).sort((a, b) => a - b);
}

function assemble(w: Workload, copies: { vm: number; copy: number }[], shiftMs: number[]): Workload {
  let traceEndMs = 0;
  for (let vm = 0; vm < w.vmCount; vm++) traceEndMs = Math.max(traceEndMs, w.endAtMs[vm]!);
  const sampleStart = new Uint32Array(copies.length + 1);
  const endAtMs = new Float64Array(copies.length);
  const keep: number[] = [];
  copies.forEach(({ vm, copy }, i) => {
    const shift = shiftMs[i]!;
    endAtMs[i] = copy === 0 ? w.endAtMs[vm]! : Math.min(w.endAtMs[vm]! + shift, traceEndMs);
    for (let k = w.sampleStart[vm]!; k < w.sampleStart[vm + 1]!; k++) {
      if (copy === 0 || w.sampleAtMs[k]! + shift < endAtMs[i]!) keep.push(k);
    }
    sampleStart[i + 1] = keep.length;
  });
  const sampleShift = new Float64Array(keep.length);
  copies.forEach((_, i) => sampleShift.fill(shiftMs[i]!, sampleStart[i]!, sampleStart[i + 1]!));
  const pick32 = (a: Float32Array) => Float32Array.from(keep, (k) => a[k]!);
  const perVm = (a: Float64Array) => Float64Array.from(copies, ({ vm }) => a[vm]!);
  return {
    ...w,
    vmCount: copies.length,
    vmIds: copies.map(({ vm, copy }) => (copy === 0 ? w.vmIds[vm]! : `${w.vmIds[vm]}-r${copy}`)),
    cores: perVm(w.cores),
    cpuCapacityMhz: perVm(w.cpuCapacityMhz),
    memoryMiB: perVm(w.memoryMiB),
    gpus: perVm(w.gpus),
    endAtMs,
    sampleStart,
    sampleAtMs: Float64Array.from(keep, (k, j) => w.sampleAtMs[k]! + sampleShift[j]!),
    sampleCpuMhz: pick32(w.sampleCpuMhz),
    sampleMemoryMiB: pick32(w.sampleMemoryMiB),
    io: mapWorkloadIo(w.io, pick32),
  };
}
