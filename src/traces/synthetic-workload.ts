import { RandomStream } from '../engine/random.js';
import { lognormal } from '../engine/distributions.js';
import type { Workload } from './workload.js';

/**
 * A seeded generator of Bitbrains-like VM workloads, so the project ships and benchmarks its own
 * data. Shapes follow Shen, van Beek and Iosup, "Statistical characterization of business-critical
 * workloads hosted in cloud datacenters", CCGrid 2015 (Bitbrains):
 * - about 80% of VMs have a mean CPU utilization under 10% (lognormal means, median 4%);
 * - daily peaks 10-100x the mean (rare bursts of 10-100x the VM's mean, over a diurnal cycle);
 * - cores mostly powers of two (1 to 32, most VMs small);
 * - 2-4 GB of memory per core, memory use a steady fraction of it.
 * Each VM draws from its own stream (`vm-<i>`), so adding VMs does not change earlier ones.
 */
export interface SynthOptions {
  vms: number;
  days: number;
  seed: number;
  /** Sampling interval, s (Bitbrains: 300). */
  intervalSeconds?: number;
  /** MHz per core of the provisioned VMs. */
  coreMhz?: number;
  /** Epoch seconds of the first sample (default 2013-08-01T00:00:00Z, as in Bitbrains). */
  startEpochSeconds?: number;
}

const CORE_CHOICES = [1, 2, 4, 8, 16, 32];
const CORE_WEIGHTS = [0.45, 0.2, 0.2, 0.1, 0.04, 0.01];

export function synthesizeWorkload(options: SynthOptions): Workload {
  const interval = (options.intervalSeconds ?? 300) * 1000;
  const coreMhz = options.coreMhz ?? 2600;
  const perVm = Math.floor((options.days * 86_400_000) / interval);
  const n = options.vms;
  const total = n * perVm;
  const cores = new Float64Array(n);
  const cpuCapacityMhz = new Float64Array(n);
  const memoryMiB = new Float64Array(n);
  const endAtMs = new Float64Array(n);
  const sampleStart = new Uint32Array(n + 1);
  const sampleAtMs = new Float64Array(total);
  const sampleCpuMhz = new Float32Array(total);
  const sampleMemoryMiB = new Float32Array(total);
  const root = new RandomStream(options.seed, 'synth');
  const ids: string[] = [];
  for (let vm = 0; vm < n; vm++) {
    const rng = root.fork(`vm-${vm}`);
    ids.push(`vm-${String(vm + 1).padStart(5, '0')}`);
    const vmCores = pickWeighted(rng, CORE_CHOICES, CORE_WEIGHTS);
    const size = vmCores * coreMhz;
    const memory = vmCores * 256 * Math.round(8 + rng.next() * 8); // 2-4 GiB per core in 256 MiB steps
    cores[vm] = vmCores;
    cpuCapacityMhz[vm] = size;
    memoryMiB[vm] = memory;
    const meanUtil = clamp(lognormal(rng, Math.log(0.04), 1.0), 0.002, 0.8);
    const amplitude = 0.2 + rng.next() * 0.6;
    const peakHour = 9 + rng.next() * 8;
    const memoryFraction = 0.3 + rng.next() * 0.4;
    const offsetMs = Math.floor(rng.next() * 300) * 1000;
    let burstLeft = 0;
    let burstLevel = 0;
    const first = vm * perVm;
    sampleStart[vm] = first;
    for (let k = 0; k < perVm; k++) {
      const at = offsetMs + k * interval;
      const hour = (at / 3_600_000) % 24;
      const diurnal = 1 + amplitude * Math.cos(((hour - peakHour) / 24) * 2 * Math.PI);
      const noise = lognormal(rng, -0.08, 0.4);
      if (burstLeft === 0 && rng.next() < 0.004) {
        burstLeft = 1 + rng.int(6);
        burstLevel = meanUtil * Math.exp(Math.log(10) + rng.next() * Math.log(10));
      }
      let util = meanUtil * diurnal * noise;
      if (burstLeft > 0) {
        util = Math.max(util, burstLevel);
        burstLeft--;
      }
      sampleAtMs[first + k] = at;
      sampleCpuMhz[first + k] = Math.round(clamp(util, 0, 1) * size * 10) / 10;
      sampleMemoryMiB[first + k] = Math.round(memory * clamp(memoryFraction * (0.95 + rng.next() * 0.1), 0, 1));
    }
    endAtMs[vm] = offsetMs + perVm * interval;
  }
  sampleStart[n] = total;
  // t = 0 is the earliest sample, as for every reader; absolute times are unchanged.
  let earliest = Infinity;
  for (let vm = 0; vm < n; vm++) if (perVm > 0) earliest = Math.min(earliest, sampleAtMs[vm * perVm]!);
  if (!Number.isFinite(earliest)) earliest = 0;
  for (let k = 0; k < total; k++) sampleAtMs[k] = sampleAtMs[k]! - earliest;
  for (let vm = 0; vm < n; vm++) endAtMs[vm] = endAtMs[vm]! - earliest;
  return {
    format: 'synthetic',
    sources: [],
    originEpochMs: (options.startEpochSeconds ?? 1_375_315_200) * 1000 + earliest,
    vmCount: n,
    vmIds: ids,
    cores,
    cpuCapacityMhz,
    memoryMiB,
    gpus: new Float64Array(n),
    endAtMs,
    sampleStart,
    sampleAtMs,
    sampleCpuMhz,
    sampleMemoryMiB,
    io: null,
    machines: null,
    warnings: [],
  };
}

function pickWeighted(rng: RandomStream, values: number[], weights: number[]): number {
  let u = rng.next();
  for (let i = 0; i < values.length; i++) {
    u -= weights[i]!;
    if (u < 0) return values[i]!;
  }
  return values[values.length - 1]!;
}

function clamp(x: number, low: number, high: number): number {
  return x < low ? low : x > high ? high : x;
}
