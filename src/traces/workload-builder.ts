import { GrowableF32, GrowableF64, GrowableI32 } from './growable-array.js';
import type { TraceMachines, TraceWarning, VmSize, Workload, WorkloadIo } from './workload.js';

export interface BuilderOptions {
  format: string;
  sources: readonly string[];
  /** Used as the last sample's length when a VM has a single sample and no explicit end. */
  defaultIntervalMs: number;
  /** Keep per-sample I/O columns. */
  withIo?: boolean;
  /**
   * Whether sample times are Unix epoch ms (default true). When false the workload's
   * originEpochMs is 0 and the shifted offset is kept only as traceOriginMs.
   */
  epoch?: boolean;
  /** Expected number of samples, to size the buffers once (default 1024). */
  sampleCapacityHint?: number;
}

export interface SampleIo {
  diskReadKBps: number;
  diskWriteKBps: number;
  netRxKBps: number;
  netTxKBps: number;
}

/**
 * Collects VMs and samples in any interleaving (each VM's own samples in strictly increasing
 * time) and builds the CSR workload. Times given to the builder are absolute epoch ms (or any
 * absolute origin); build() shifts them so that the earliest sample is at 0.
 *
 * A VM's end, unless set explicitly, is its last sample plus its median sampling step (or the
 * default interval when it has one sample).
 */
export class WorkloadBuilder {
  private readonly options: BuilderOptions;
  private readonly ids: string[] = [];
  private readonly sizes: VmSize[] = [];
  private readonly explicitEnd = new GrowableF64(64);
  private readonly vmSampleCounts = new GrowableI32(64);
  /** Each sample's VM, kept only once samples stop arriving in VM order (null until then). */
  private sampleVm: GrowableI32 | null = null;
  private readonly at: GrowableF64;
  private readonly cpu: GrowableF32;
  private readonly mem: GrowableF32;
  private readonly io: GrowableF32[] | null;
  private readonly warningCounts = new Map<string, { count: number; message: string }>();
  private machines: TraceMachines | null = null;
  /** True while samples arrive grouped by VM in index order, so build() needs no permutation. */
  private inVmOrder = true;
  private lastVm = -1;

  constructor(options: BuilderOptions) {
    this.options = options;
    const hint = options.sampleCapacityHint ?? 1024;
    this.at = new GrowableF64(hint);
    this.cpu = new GrowableF32(hint);
    this.mem = new GrowableF32(hint);
    this.io = options.withIo ? [0, 1, 2, 3].map(() => new GrowableF32(hint)) : null;
  }

  get vmCount(): number {
    return this.ids.length;
  }

  /** Number of samples added so far over all VMs. */
  get totalSamples(): number {
    return this.at.length;
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

  /** Samples added so far for one VM. */
  vmSampleCount(vm: number): number {
    return this.vmSampleCounts.data[vm]!;
  }

  /** Sets when the VM leaves (absolute time, same origin as samples). */
  setEnd(vm: number, atMs: number): void {
    this.explicitEnd.data[vm] = atMs;
  }

  addSample(vm: number, atMs: number, cpuMhz: number, memoryMiB: number, io?: SampleIo): void {
    if (io) this.addSampleIo(vm, atMs, cpuMhz, memoryMiB, io.diskReadKBps, io.diskWriteKBps, io.netRxKBps, io.netTxKBps);
    else this.addSampleIo(vm, atMs, cpuMhz, memoryMiB, 0, 0, 0, 0);
  }

  /** addSample without an I/O object, for the per-sample hot path. */
  addSampleIo(
    vm: number,
    atMs: number,
    cpuMhz: number,
    memoryMiB: number,
    diskReadKBps: number,
    diskWriteKBps: number,
    netRxKBps: number,
    netTxKBps: number,
  ): void {
    if (vm < this.lastVm && this.inVmOrder) this.leaveVmOrder();
    this.lastVm = vm;
    if (this.sampleVm) this.sampleVm.push(vm);
    this.at.push(atMs);
    this.cpu.push(cpuMhz);
    this.mem.push(memoryMiB);
    this.vmSampleCounts.data[vm]!++;
    if (this.io) {
      this.io[0]!.push(diskReadKBps);
      this.io[1]!.push(diskWriteKBps);
      this.io[2]!.push(netRxKBps);
      this.io[3]!.push(netTxKBps);
    }
  }

  /**
   * The first sample out of VM order: every sample so far came grouped by VM in increasing
   * order, so their VMs follow from the per-VM counts; from now on each sample's VM is kept.
   */
  private leaveVmOrder(): void {
    this.inVmOrder = false;
    const vms = new GrowableI32(Math.max(1024, this.at.length * 2));
    for (let v = 0; v < this.ids.length; v++) for (let k = this.vmSampleCounts.data[v]!; k > 0; k--) vms.push(v);
    this.sampleVm = vms;
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
    for (let v = 0; v < vmCount; v++) sampleStart[v + 1] = sampleStart[v]! + this.vmSampleCounts.data[v]!;
    const order = this.inVmOrder ? null : this.permutation(sampleStart);

    let originMs = Number.POSITIVE_INFINITY;
    const atData = this.at.data;
    for (let i = 0; i < total; i++) if (atData[i]! < originMs) originMs = atData[i]!;
    for (let v = 0; v < vmCount; v++) {
      const end = this.explicitEnd.data[v]!;
      if (Number.isFinite(end) && end < originMs) originMs = end;
    }
    if (!Number.isFinite(originMs)) originMs = 0;

    const sampleAtMs = gather64(atData, total, order);
    // Each column's growable storage is let go once copied out, so building needs memory for
    // one column more than the samples, not twice the samples.
    this.at.data = new Float64Array(0);
    for (let k = 0; k < total; k++) sampleAtMs[k] = sampleAtMs[k]! - originMs;
    assertIncreasing(sampleAtMs, sampleStart, this.ids);
    let io: WorkloadIo | null = null;
    if (this.io) {
      const [r, w, rx, tx] = this.io.map((col) => release(col, gather32(col.data, total, order)));
      io = { diskReadKBps: r!, diskWriteKBps: w!, netRxKBps: rx!, netTxKBps: tx! };
    }

    const endAtMs = new Float64Array(vmCount);
    for (let v = 0; v < vmCount; v++) {
      const explicit = this.explicitEnd.data[v]!;
      endAtMs[v] = Number.isFinite(explicit)
        ? explicit - originMs
        : implicitEnd(sampleAtMs, sampleStart[v]!, sampleStart[v + 1]!, this.options.defaultIntervalMs);
    }

    const warnings: TraceWarning[] = [...this.warningCounts.entries()]
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([code, { count, message }]) => ({ code, count, message }));
    const epoch = this.options.epoch ?? true;

    return {
      format: this.options.format,
      sources: [...this.options.sources],
      originEpochMs: epoch ? originMs : 0,
      traceOriginMs: originMs,
      vmCount,
      vmIds: [...this.ids],
      cores: Float64Array.from(this.sizes, (s) => s.cores),
      cpuCapacityMhz: Float64Array.from(this.sizes, (s) => s.cpuCapacityMhz),
      memoryMiB: Float64Array.from(this.sizes, (s) => s.memoryMiB),
      gpus: Float64Array.from(this.sizes, (s) => s.gpus ?? 0),
      endAtMs,
      sampleStart,
      sampleAtMs,
      sampleCpuMhz: release(this.cpu, gather32(this.cpu.data, total, order)),
      sampleMemoryMiB: release(this.mem, gather32(this.mem.data, total, order)),
      io,
      machines: this.machines,
      warnings,
    };
  }

  /** order[k] = insertion index of the k-th sample in CSR (VM-major) order. */
  private permutation(sampleStart: Uint32Array): Uint32Array {
    const total = this.at.length;
    const cursor = sampleStart.slice(0, this.ids.length);
    const order = new Uint32Array(total);
    const vms = this.sampleVm!.data;
    for (let i = 0; i < total; i++) order[cursor[vms[i]!]!++] = i;
    return order;
  }
}

function release(column: GrowableF32, copy: Float32Array): Float32Array {
  column.data = new Float32Array(0);
  return copy;
}

function gather64(data: Float64Array, total: number, order: Uint32Array | null): Float64Array {
  if (!order) return data.slice(0, total);
  const out = new Float64Array(total);
  for (let k = 0; k < total; k++) out[k] = data[order[k]!]!;
  return out;
}

function gather32(data: Float32Array, total: number, order: Uint32Array | null): Float32Array {
  if (!order) return data.slice(0, total);
  const out = new Float32Array(total);
  for (let k = 0; k < total; k++) out[k] = data[order[k]!]!;
  return out;
}

/** Readers guarantee strictly increasing times per VM; a violation is a reader bug. */
function assertIncreasing(at: Float64Array, sampleStart: Uint32Array, ids: readonly string[]): void {
  for (let v = 0; v < ids.length; v++) {
    for (let k = sampleStart[v]! + 1; k < sampleStart[v + 1]!; k++) {
      if (!(at[k]! > at[k - 1]!)) throw new Error(`trace reader bug: VM ${ids[v]} has non-increasing sample times`);
    }
  }
}

function implicitEnd(at: Float64Array, from: number, to: number, defaultIntervalMs: number): number {
  if (to === from) return 0;
  if (to - from === 1) return at[from]! + defaultIntervalMs;
  const steps = new Float64Array(to - from - 1);
  for (let k = from + 1; k < to; k++) steps[k - from - 1] = at[k]! - at[k - 1]!;
  steps.sort();
  return at[to - 1]! + steps[(steps.length - 1) >> 1]!;
}
