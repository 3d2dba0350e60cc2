import { peakDemand } from './peak-demand.js';
import { quantileInPlace, quantiles, round, type Quantiles } from './quantiles.js';
import type { TraceWarning, Workload } from './workload.js';

export type { Quantiles } from './quantiles.js';

/** A summary of a workload; every number is rounded so the JSON is stable. */
export interface TraceInspection {
  format: string;
  sourceFiles: number;
  /** VMs, jobs, pods or containers. */
  entities: number;
  /** Machines the trace describes (0 when none). */
  hosts: number;
  samples: number;
  /** True when times are Unix epoch; else startSeconds/endSeconds are on the trace's own clock. */
  epoch: boolean;
  startSeconds: number;
  endSeconds: number;
  spanSeconds: number;
  /** Median step between a VM's consecutive samples; null when no VM has two samples. */
  samplingIntervalSeconds: number | null;
  cpu: {
    provisionedCores: number;
    provisionedMhz: number;
    demandMhzHours: number;
    /** Highest total demand over all VMs at any instant. */
    peakDemandMhz: number;
    peakAtSeconds: number;
    /** Sum of demand x time over sum of provisioned capacity x time, over VM lifetimes. */
    meanUtilization: number;
  };
  memory: {
    provisionedMiB: number;
    demandMiBHours: number;
    peakDemandMiB: number;
    peakAtSeconds: number;
  };
  gpus: number;
  sizes: { cores: Quantiles | null; memoryMiB: Quantiles | null };
  /** Per-entity time-weighted mean CPU utilization (demand / provisioned MHz). */
  meanUtilization: Quantiles | null;
  gaps: { thresholdSeconds: number | null; count: number; longestSeconds: number };
  anomalies: {
    duplicateTimestamps: number;
    zeroCoreEntities: number;
    zeroMemoryEntities: number;
    entitiesWithoutSamples: number;
    zeroDurationEntities: number;
    samplesAboveCapacity: number;
  };
  machines: { cores: number; memoryMiB: number; gpus: number } | null;
  warnings: TraceWarning[];
}

export function inspectWorkload(workload: Workload): TraceInspection {
  const w = workload;
  const samples = w.sampleStart[w.vmCount] ?? 0;
  const base = w.originEpochMs !== 0 ? w.originEpochMs : (w.traceOriginMs ?? 0);
  const { firstMs, lastMs } = timeBounds(w);
  const steps = stepStats(w);
  const totals = demandTotals(w);
  const peaks = peakDemand(w);
  const duplicateWarnings = w.warnings.filter((x) => x.code === 'duplicate-timestamp').reduce((sum, x) => sum + x.count, 0);
  return {
    format: w.format,
    sourceFiles: w.sources.length,
    entities: w.vmCount,
    hosts: w.machines?.ids.length ?? 0,
    samples,
    epoch: w.originEpochMs !== 0,
    startSeconds: round((base + firstMs) / 1000, 3),
    endSeconds: round((base + lastMs) / 1000, 3),
    spanSeconds: round((lastMs - firstMs) / 1000, 3),
    samplingIntervalSeconds: steps.median === null ? null : round(steps.median / 1000, 3),
    cpu: {
      provisionedCores: round(sum(w.cores), 3),
      provisionedMhz: round(sum(w.cpuCapacityMhz), 3),
      demandMhzHours: round(totals.cpuMhzMs / 3.6e6, 3),
      peakDemandMhz: round(peaks.cpuMhz, 3),
      peakAtSeconds: round((base + peaks.cpuAtMs) / 1000, 3),
      meanUtilization: round(totals.capacityMhzMs > 0 ? totals.cpuMhzMs / totals.capacityMhzMs : 0, 6),
    },
    memory: {
      provisionedMiB: round(sum(w.memoryMiB), 3),
      demandMiBHours: round(totals.memoryMiBMs / 3.6e6, 3),
      peakDemandMiB: round(peaks.memoryMiB, 3),
      peakAtSeconds: round((base + peaks.memoryAtMs) / 1000, 3),
    },
    gpus: round(sum(w.gpus), 3),
    sizes: { cores: quantiles(w.cores), memoryMiB: quantiles(w.memoryMiB) },
    meanUtilization: quantiles(totals.perVmUtilization, 6),
    gaps: { thresholdSeconds: steps.median === null ? null : round((2 * steps.median) / 1000, 3), count: steps.gaps, longestSeconds: round(steps.longestGap / 1000, 3) },
    anomalies: {
      duplicateTimestamps: duplicateWarnings + steps.nonIncreasing,
      zeroCoreEntities: count(w.cores, (v) => v === 0),
      zeroMemoryEntities: count(w.memoryMiB, (v) => v === 0),
      entitiesWithoutSamples: totals.withoutSamples,
      zeroDurationEntities: totals.zeroDuration,
      samplesAboveCapacity: totals.aboveCapacity,
    },
    machines: w.machines ? { cores: round(sum(w.machines.cores), 3), memoryMiB: round(sum(w.machines.memoryMiB), 3), gpus: round(sum(w.machines.gpus), 3) } : null,
    warnings: w.warnings.map((x) => ({ code: x.code, count: x.count, message: x.message })),
  };
}

/** End of sample k of VM v: the next sample's start, or the VM's end for its last sample. */
function sampleEnd(w: Workload, v: number, k: number): number {
  return k + 1 < w.sampleStart[v + 1]! ? w.sampleAtMs[k + 1]! : w.endAtMs[v]!;
}

function timeBounds(w: Workload): { firstMs: number; lastMs: number } {
  let firstMs = Number.POSITIVE_INFINITY;
  let lastMs = Number.NEGATIVE_INFINITY;
  for (let v = 0; v < w.vmCount; v++) {
    const from = w.sampleStart[v]!;
    const start = from < w.sampleStart[v + 1]! ? w.sampleAtMs[from]! : w.endAtMs[v]!;
    firstMs = Math.min(firstMs, start);
    lastMs = Math.max(lastMs, w.endAtMs[v]!, start);
  }
  return Number.isFinite(firstMs) ? { firstMs, lastMs } : { firstMs: 0, lastMs: 0 };
}

function stepStats(w: Workload): { median: number | null; gaps: number; longestGap: number; nonIncreasing: number } {
  let stepCount = 0;
  for (let v = 0; v < w.vmCount; v++) stepCount += Math.max(0, w.sampleStart[v + 1]! - w.sampleStart[v]! - 1);
  const steps = new Float64Array(stepCount);
  let n = 0;
  let nonIncreasing = 0;
  for (let v = 0; v < w.vmCount; v++) {
    for (let k = w.sampleStart[v]! + 1; k < w.sampleStart[v + 1]!; k++) {
      const step = w.sampleAtMs[k]! - w.sampleAtMs[k - 1]!;
      if (step <= 0) nonIncreasing++;
      steps[n++] = step;
    }
  }
  if (n === 0) return { median: null, gaps: 0, longestGap: 0, nonIncreasing };
  const median = quantileInPlace(steps, 0.5);
  let gaps = 0;
  let longestGap = 0;
  for (let i = 0; i < n; i++) {
    if (steps[i]! > 2 * median) {
      gaps++;
      longestGap = Math.max(longestGap, steps[i]!);
    }
  }
  return { median, gaps, longestGap, nonIncreasing };
}

function demandTotals(w: Workload) {
  let cpuMhzMs = 0;
  let memoryMiBMs = 0;
  let capacityMhzMs = 0;
  let aboveCapacity = 0;
  let withoutSamples = 0;
  let zeroDuration = 0;
  const perVm: number[] = [];
  for (let v = 0; v < w.vmCount; v++) {
    const from = w.sampleStart[v]!;
    const to = w.sampleStart[v + 1]!;
    if (from === to) withoutSamples++;
    const capacity = w.cpuCapacityMhz[v]!;
    let vmDemand = 0;
    let vmTime = 0;
    for (let k = from; k < to; k++) {
      const dt = Math.max(0, sampleEnd(w, v, k) - w.sampleAtMs[k]!);
      vmDemand += w.sampleCpuMhz[k]! * dt;
      memoryMiBMs += w.sampleMemoryMiB[k]! * dt;
      vmTime += dt;
      if (w.sampleCpuMhz[k]! > capacity * (1 + 1e-6)) aboveCapacity++;
    }
    if (vmTime === 0) zeroDuration++;
    cpuMhzMs += vmDemand;
    capacityMhzMs += capacity * vmTime;
    if (capacity > 0 && vmTime > 0) perVm.push(vmDemand / (capacity * vmTime));
  }
  return { cpuMhzMs, memoryMiBMs, capacityMhzMs, aboveCapacity, withoutSamples, zeroDuration, perVmUtilization: Float64Array.from(perVm) };
}

function sum(values: ArrayLike<number>): number {
  let total = 0;
  for (let i = 0; i < values.length; i++) total += values[i]!;
  return total;
}

function count(values: Float64Array, predicate: (v: number) => boolean): number {
  let n = 0;
  for (let i = 0; i < values.length; i++) if (predicate(values[i]!)) n++;
  return n;
}
