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

/** One generated VM: its size and its samples, in the stream's reusable arrays. */
export interface SyntheticVm {
  id: string;
  cores: number;
  cpuCapacityMhz: number;
  memoryMiB: number;
  /** Absolute epoch ms just after the last sample's interval (the VM's end). */
  endEpochMs: number;
}

/**
 * Generates the workload one VM at a time into arrays of one VM's length, so writers need
 * constant memory whatever the number of VMs. VM i is the same whether generated alone or with
 * others; synthesizeWorkload is this stream gathered into one Workload.
 */
export class SyntheticVmStream {
  readonly samplesPerVm: number;
  /** Absolute epoch ms of each sample of the current VM. */
  readonly atEpochMs: Float64Array;
  readonly cpuMhz: Float32Array;
  readonly memoryMiB: Float32Array;
  private readonly intervalMs: number;
  private readonly coreMhz: number;
  private readonly startMs: number;
  private readonly root: RandomStream;

  constructor(readonly options: SynthOptions) {
    this.intervalMs = (options.intervalSeconds ?? 300) * 1000;
    this.coreMhz = options.coreMhz ?? 2600;
    this.startMs = (options.startEpochSeconds ?? 1_375_315_200) * 1000;
    this.samplesPerVm = Math.floor((options.days * 86_400_000) / this.intervalMs);
    this.atEpochMs = new Float64Array(this.samplesPerVm);
    this.cpuMhz = new Float32Array(this.samplesPerVm);
    this.memoryMiB = new Float32Array(this.samplesPerVm);
    this.root = new RandomStream(options.seed, 'synth');
  }

  /** Generates VM `vm` (0-based) into the arrays and returns its size. */
  vm(vm: number): SyntheticVm {
    const rng = this.root.fork(`vm-${vm}`);
    const interval = this.intervalMs;
    const vmCores = pickWeighted(rng, CORE_CHOICES, CORE_WEIGHTS);
    const size = vmCores * this.coreMhz;
    const memory = vmCores * 256 * Math.round(8 + rng.next() * 8); // 2-4 GiB per core in 256 MiB steps
    const meanUtil = clamp(lognormal(rng, Math.log(0.04), 1.0), 0.002, 0.8);
    const amplitude = 0.2 + rng.next() * 0.6;
    const peakHour = 9 + rng.next() * 8;
    const memoryFraction = 0.3 + rng.next() * 0.4;
    const offsetMs = Math.floor(rng.next() * 300) * 1000;
    let burstLeft = 0;
    let burstLevel = 0;
    for (let k = 0; k < this.samplesPerVm; k++) {
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
      this.atEpochMs[k] = this.startMs + at;
      this.cpuMhz[k] = Math.round(clamp(util, 0, 1) * size * 10) / 10;
      this.memoryMiB[k] = Math.round(memory * clamp(memoryFraction * (0.95 + rng.next() * 0.1), 0, 1));
    }
    return {
      id: `vm-${String(vm + 1).padStart(5, '0')}`,
      cores: vmCores,
      cpuCapacityMhz: size,
      memoryMiB: memory,
      endEpochMs: this.startMs + offsetMs + this.samplesPerVm * interval,
    };
  }
}

export function synthesizeWorkload(options: SynthOptions): Workload {
  const stream = new SyntheticVmStream(options);
  const perVm = stream.samplesPerVm;
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
  const ids: string[] = [];
  for (let vm = 0; vm < n; vm++) {
    const generated = stream.vm(vm);
    ids.push(generated.id);
    cores[vm] = generated.cores;
    cpuCapacityMhz[vm] = generated.cpuCapacityMhz;
    memoryMiB[vm] = generated.memoryMiB;
    endAtMs[vm] = generated.endEpochMs;
    sampleStart[vm] = vm * perVm;
    sampleAtMs.set(stream.atEpochMs, vm * perVm);
    sampleCpuMhz.set(stream.cpuMhz, vm * perVm);
    sampleMemoryMiB.set(stream.memoryMiB, vm * perVm);
  }
  sampleStart[n] = total;
  // t = 0 is the earliest sample, as for every reader; absolute times are unchanged.
  let earliest = Infinity;
  for (let vm = 0; vm < n; vm++) if (perVm > 0) earliest = Math.min(earliest, sampleAtMs[vm * perVm]!);
  if (!Number.isFinite(earliest)) earliest = (options.startEpochSeconds ?? 1_375_315_200) * 1000;
  for (let k = 0; k < total; k++) sampleAtMs[k] = sampleAtMs[k]! - earliest;
  for (let vm = 0; vm < n; vm++) endAtMs[vm] = endAtMs[vm]! - earliest;
  return {
    format: 'synthetic',
    sources: [],
    originEpochMs: earliest,
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
