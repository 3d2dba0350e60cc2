import type { Workload } from '../traces/workload.js';

/**
 * The per-VM values every trace sample reads or writes, packed into one record of 16 numbers per
 * VM (128 bytes) instead of one typed array per field. With thousands of VMs sampled in no
 * particular order, each separate array cost a cache miss per sample; a record costs two or three.
 *
 * Record of VM v: vmHot[v * Hot.Stride + Hot.x]. SampleEnd, EndAtMs and CapMhz are copies of
 * inputs that never change, kept here only so the hot path finds them in the same lines, and
 * TimeBase and StepMs say where the VM's samples fall when they are evenly spaced; the others
 * change during a run. The last two numbers are free.
 *
 * A const enum, so that the compiler writes the offsets into the hot path as literals: imported
 * constants were read at run time, about 200 more instructions per sample.
 */
export const enum Hot {
  /** Numbers per VM. */
  Stride = 16,
  /** Index of the VM's next sample in the workload's sample arrays. */
  Cursor = 0,
  /** When the VM's integrals were last brought up to date, ms. */
  LastMs = 1,
  /** Expected use of a placed VM not yet sampled, counted in its host's pending use, MHz. */
  PendingUse = 2,
  /** Demand and service integrals, MHz x ms. */
  DemandInt = 3,
  ServedInt = 4,
  /** workload.sampleStart[v + 1]: one past the VM's last sample. */
  SampleEnd = 5,
  /** workload.endAtMs[v]. */
  EndAtMs = 6,
  /** The sharing rules' cpuCapMhz[v]. */
  CapMhz = 7,
  /** CPU demand of the VM's current sample, MHz (0 before its first and after its last). */
  Demand = 8,
  /** CPU served now, MHz. */
  Served = 9,
  /** min(demand, cap) x wantScale: what the VM would get on an uncontended host, MHz. */
  Want = 10,
  /** 1, 1 - degradation while migrating, 0 while booting: the share of its CPU a VM can use. */
  WantScale = 11,
  /**
   * When every sample k of the VM is at exactly Hot.TimeBase + k x Hot.StepMs (k indexes the
   * workload's sample arrays), Hot.StepMs is that step; else it is -1 and the times are read
   * from the workload. Most traces sample at a fixed interval, and reading the next time from
   * the workload was a cache miss per sample.
   */
  TimeBase = 12,
  StepMs = 13,
}

/** The records of every VM at the start of a run. */
export function vmHotRecords(workload: Workload, cpuCapMhz: Float64Array): Float64Array {
  const n = workload.vmCount;
  const hot = new Float64Array(n * Hot.Stride);
  for (let vm = 0; vm < n; vm++) {
    const r = vm * Hot.Stride;
    hot[r + Hot.Cursor] = workload.sampleStart[vm]!;
    hot[r + Hot.SampleEnd] = workload.sampleStart[vm + 1]!;
    hot[r + Hot.EndAtMs] = workload.endAtMs[vm]!;
    hot[r + Hot.CapMhz] = cpuCapMhz[vm]!;
    hot[r + Hot.WantScale] = 1;
    evenSpacing(workload, vm, hot, r);
  }
  return hot;
}

/** Sets the VM's time base and step when its sample times are evenly spaced, exactly. */
function evenSpacing(workload: Workload, vm: number, hot: Float64Array, r: number): void {
  hot[r + Hot.StepMs] = -1;
  const from = workload.sampleStart[vm]!;
  const to = workload.sampleStart[vm + 1]!;
  const times = workload.sampleAtMs;
  if (to - from < 2) return;
  const step = times[from + 1]! - times[from]!;
  const base = times[from]! - from * step;
  if (!(step > 0) || !Number.isSafeInteger(step) || !Number.isSafeInteger(base)) return;
  for (let k = from; k < to; k++) if (base + k * step !== times[k]) return;
  hot[r + Hot.TimeBase] = base;
  hot[r + Hot.StepMs] = step;
}

/** Time of sample k of the VM whose record starts at r (as workload.sampleAtMs[k]). */
export function sampleTime(hot: Float64Array, r: number, k: number, sampleAtMs: Float64Array): number {
  const step = hot[r + Hot.StepMs]!;
  return step > 0 ? hot[r + Hot.TimeBase]! + k * step : sampleAtMs[k]!;
}

/** One field of every record, as an array indexed by VM (into `out` when given). */
export function hotField(hot: Float64Array, field: number, out: Float64Array = new Float64Array(hot.length / Hot.Stride)): Float64Array {
  const n = hot.length / Hot.Stride;
  for (let vm = 0; vm < n; vm++) out[vm] = hot[vm * Hot.Stride + field]!;
  return out;
}
