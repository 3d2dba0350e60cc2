import type { TraceMachines, TraceWarning, VmSize, Workload, WorkloadIo } from './workload.js';

/** Grows a typed array by doubling; values past `length` are unspecified. */
class GrowableF64 {
  data = new Float64Array(1024);
  length = 0;
  push(value: number): void {
    if (this.length === this.data.length) {
      const next = new Float64Array(this.data.length * 2);
      next.set(this.data);
      this.data = next;
    }
    this.data[this.length++] = value;
  }
}

class GrowableF32 {
  data = new Float32Array(1024);
  length = 0;
  push(value: number): void {
    if (this.length === this.data.length) {
      const next = new Float32Array(this.data.length * 2);
      next.set(this.data);
      this.data = next;
    }
    this.data[this.length++] = value;
  }
}

export interface BuilderOptions {
  format: string;
  sources: readonly string[];
  /** Used as the last sample's length when a VM has a single sample and no explicit end. */
  defaultIntervalMs: number;
  /** Keep per-sample I/O columns. */
  withIo?: boolean;
}

export interface SampleIo {
  diskReadKBps: number;
  diskWriteKBps: number;
  netRxKBps: number;
  netTxKBps: number;
}

/**
 * Collects VMs and samples in any interleaving (each VM's own samples in increasing time) and
 * builds the CSR workload. Times given to the builder are absolute epoch ms (or any absolute
 * origin); build() shifts them so that the earliest sample is at 0.
 *
 * A VM's end, unless set explicitly, is its last sample plus its median sampling step (or the
 * default interval when it has one sample).
 */
export class WorkloadBuilder {
  private readonly options: BuilderOptions;
  private readonly ids: string[] = [];
  private readonly sizes: VmSize[] = [];
  private readonly explicitEnd: number[] = [];
  private readonly sampleVm: number[] = [];
  private readonly at = new GrowableF64();
  private readonly cpu = new GrowableF32();
  private readonly mem = new GrowableF32();
  private readonly io: GrowableF32[] | null;
  private readonly warningCounts = new Map<string, { count: number; message: string }>();
  private machines: TraceMachines | null = null;
  private readonly vmSampleCounts: number[] = [];

  constructor(options: BuilderOptions) {
    this.options = options;
    this.io = options.withIo ? [new GrowableF32(), new GrowableF32(), new GrowableF32(), new GrowableF32()] : null;
  }

  get vmCount(): number {
    return this.ids.length;
  }

  /** Adds a VM and returns its index. */
  addVm(id: string, size: VmSize): number {
    this.ids.push(id);
    this.sizes.push({ ...size });
    this.explicitEnd.push(Number.NaN);
    this.vmSampleCounts.push(0);
    return this.ids.length - 1;
  }

  /** Replaces a VM's size (readers that learn the size from later samples). */
  setSize(vm: number, size: VmSize): void {
    this.sizes[vm] = { ...size };
  }

  size(vm: number): Readonly<VmSize> {
    return this.sizes[vm]!;
  }

  /** Sets when the VM leaves (absolute time, same origin as samples). */
  setEnd(vm: number, atMs: number): void {
    this.explicitEnd[vm] = atMs;
  }

  addSample(vm: number, atMs: number, cpuMhz: number, memoryMiB: number, io?: SampleIo): void {
    this.sampleVm.push(vm);
    this.at.push(atMs);
    this.cpu.push(cpuMhz);
    this.mem.push(memoryMiB);
    this.vmSampleCounts[vm]!++;
    if (this.io) {
      this.io[0]!.push(io?.diskReadKBps ?? 0);
      this.io[1]!.push(io?.diskWriteKBps ?? 0);
      this.io[2]!.push(io?.netRxKBps ?? 0);
      this.io[3]!.push(io?.netTxKBps ?? 0);
    }
  }

  /** Counts a handled quirk; the first message per code is kept as the example. */
  warn(code: string, message: string, count = 1): void {
    const entry = this.warningCounts.get(code);
    if (entry) entry.count += count;
    else this.warningCounts.set(code, { count, message });
  }

  setMachines(machines: TraceMachines): void {
    this.machines = machines;
  }

  build(): Workload {
    const vmCount = this.ids.length;
    const total = this.at.length;
    const sampleStart = new Uint32Array(vmCount + 1);
    for (let v = 0; v < vmCount; v++) sampleStart[v + 1] = sampleStart[v]! + this.vmSampleCounts[v]!;
    const cursor = sampleStart.slice(0, vmCount);
    const order = new Uint32Array(total);
    for (let i = 0; i < total; i++) order[cursor[this.sampleVm[i]!]!++] = i;

    let originMs = Number.POSITIVE_INFINITY;
    for (let i = 0; i < total; i++) if (this.at.data[i]! < originMs) originMs = this.at.data[i]!;
    for (const end of this.explicitEnd) if (Number.isFinite(end) && end < originMs) originMs = end;
    if (!Number.isFinite(originMs)) originMs = 0;

    const sampleAtMs = new Float64Array(total);
    const sampleCpuMhz = new Float32Array(total);
    const sampleMemoryMiB = new Float32Array(total);
    for (let k = 0; k < total; k++) {
      const i = order[k]!;
      sampleAtMs[k] = this.at.data[i]! - originMs;
      sampleCpuMhz[k] = this.cpu.data[i]!;
      sampleMemoryMiB[k] = this.mem.data[i]!;
    }
    let io: WorkloadIo | null = null;
    if (this.io) {
      const cols = this.io.map(() => new Float32Array(total));
      for (let k = 0; k < total; k++) {
        const i = order[k]!;
        for (let c = 0; c < 4; c++) cols[c]![k] = this.io[c]!.data[i]!;
      }
      io = { diskReadKBps: cols[0]!, diskWriteKBps: cols[1]!, netRxKBps: cols[2]!, netTxKBps: cols[3]! };
    }

    const endAtMs = new Float64Array(vmCount);
    for (let v = 0; v < vmCount; v++) {
      const explicit = this.explicitEnd[v]!;
      endAtMs[v] = Number.isFinite(explicit)
        ? explicit - originMs
        : implicitEnd(sampleAtMs, sampleStart[v]!, sampleStart[v + 1]!, this.options.defaultIntervalMs);
    }

    const warnings: TraceWarning[] = [...this.warningCounts.entries()]
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([code, { count, message }]) => ({ code, count, message }));

    return {
      format: this.options.format,
      sources: [...this.options.sources],
      originEpochMs: originMs,
      vmCount,
      vmIds: [...this.ids],
      cores: Float64Array.from(this.sizes, (s) => s.cores),
      cpuCapacityMhz: Float64Array.from(this.sizes, (s) => s.cpuCapacityMhz),
      memoryMiB: Float64Array.from(this.sizes, (s) => s.memoryMiB),
      gpus: Float64Array.from(this.sizes, (s) => s.gpus ?? 0),
      endAtMs,
      sampleStart,
      sampleAtMs,
      sampleCpuMhz,
      sampleMemoryMiB,
      io,
      machines: this.machines,
      warnings,
    };
  }
}

function implicitEnd(at: Float64Array, from: number, to: number, defaultIntervalMs: number): number {
  if (to === from) return 0;
  if (to - from === 1) return at[from]! + defaultIntervalMs;
  const steps: number[] = [];
  for (let k = from + 1; k < to; k++) steps.push(at[k]! - at[k - 1]!);
  steps.sort((a, b) => a - b);
  return at[to - 1]! + steps[(steps.length - 1) >> 1]!;
}
