/**
 * The canonical workload every trace reader yields: VMs (or jobs, containers, pods) with their
 * provisioned size and a piecewise-constant usage series, stored as a struct of typed arrays so
 * that replay touches no per-sample objects.
 *
 * Sample k of VM v (sampleStart[v] <= k < sampleStart[v + 1]) holds from sampleAtMs[k] until the
 * next sample of v, the last one until endAtMs[v]. Times are integer milliseconds relative to
 * the trace origin (the earliest sample), so a run always starts at 0.
 */
export interface Workload {
  /** Reader id (`--format`), e.g. `bitbrains`. */
  readonly format: string;
  /** The files read, in the order read. */
  readonly sources: readonly string[];
  /**
   * sha256 of each source file (same order), when the loader computed them; run.json records
   * these instead of reading the trace again.
   */
  readonly sourceSha256?: readonly string[];
  /** Absolute time of t = 0 in Unix epoch milliseconds, or 0 when the trace has no epoch. */
  readonly originEpochMs: number;
  /**
   * Time of t = 0 on the trace's own clock in ms (for epoch traces the same as originEpochMs;
   * for relative traces such as Google or Alibaba, the offset that was shifted away).
   * Absent in workloads not built by a trace reader; read it as 0 then.
   */
  readonly traceOriginMs?: number;
  readonly vmCount: number;
  readonly vmIds: readonly string[];
  /** Provisioned vCPUs. */
  readonly cores: Float64Array;
  /** Provisioned CPU in MHz (all cores together). */
  readonly cpuCapacityMhz: Float64Array;
  /** Provisioned memory in MiB. */
  readonly memoryMiB: Float64Array;
  /** GPUs requested (Alibaba GPU pods); all zeros when the trace has none. */
  readonly gpus: Float64Array;
  /** When each VM leaves, in ms. */
  readonly endAtMs: Float64Array;
  /** CSR offsets into the sample arrays, length vmCount + 1. */
  readonly sampleStart: Uint32Array;
  readonly sampleAtMs: Float64Array;
  /** CPU demand in MHz over the sample's interval. */
  readonly sampleCpuMhz: Float32Array;
  /** Memory in use in MiB over the sample's interval. */
  readonly sampleMemoryMiB: Float32Array;
  /** Per-sample I/O rates, present only when the trace has I/O columns. */
  readonly io: WorkloadIo | null;
  /** Machines the trace itself describes (Alibaba machines, GPU nodes); null when none. */
  readonly machines: TraceMachines | null;
  /** Quirks handled by a documented rule, counted by code. */
  readonly warnings: readonly TraceWarning[];
}

export interface WorkloadIo {
  readonly diskReadKBps: Float32Array;
  readonly diskWriteKBps: Float32Array;
  readonly netRxKBps: Float32Array;
  readonly netTxKBps: Float32Array;
}

/** The same I/O columns, each passed through `f` (a subset of samples, a shared copy, ...). */
export function mapWorkloadIo(io: WorkloadIo | null, f: (column: Float32Array) => Float32Array): WorkloadIo | null {
  return io && { diskReadKBps: f(io.diskReadKBps), diskWriteKBps: f(io.diskWriteKBps), netRxKBps: f(io.netRxKBps), netTxKBps: f(io.netTxKBps) };
}

export interface TraceMachines {
  readonly ids: readonly string[];
  readonly cores: Float64Array;
  readonly memoryMiB: Float64Array;
  readonly gpus: Float64Array;
  /** GPU model per machine ('' when none or unknown), when the trace names them. */
  readonly gpuModels?: readonly string[];
}

export interface TraceWarning {
  /** Stable kebab-case code, e.g. `duplicate-timestamp`. */
  readonly code: string;
  readonly count: number;
  /** The rule applied, in words, with one example location. */
  readonly message: string;
}

export interface VmSize {
  cores: number;
  cpuCapacityMhz: number;
  memoryMiB: number;
  gpus?: number;
}

/** Summed provisioned sizes and sample totals, for inspection and tests. */
export function sampleCount(workload: Workload): number {
  return workload.sampleStart[workload.vmCount] ?? 0;
}

/** Start of VM v, in ms (its first sample), or its end when it has no samples. */
export function vmStartMs(workload: Workload, vm: number): number {
  const first = workload.sampleStart[vm]!;
  return first < workload.sampleStart[vm + 1]! ? workload.sampleAtMs[first]! : workload.endAtMs[vm]!;
}
