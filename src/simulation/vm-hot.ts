import type { Workload } from '../traces/workload.js';

/**
 * The per-VM values every trace sample reads or writes, packed into one record of 16 numbers per
 * VM (128 bytes) instead of one typed array per field. With thousands of VMs sampled in no
 * particular order, each separate array cost a cache miss per sample; a record costs two or three.
 *
 * Record of VM v: vmHot[v * VM_HOT + HOT_x]. HOT_SAMPLE_END, HOT_END_AT_MS and HOT_CAP_MHZ are
 * copies of inputs that never change, kept here only so the hot path finds them in the same
 * lines, and HOT_TIME_BASE and HOT_STEP_MS say where the VM's samples fall when they are
 * evenly spaced; the others change during a run. The last two numbers are free.
 */
export const VM_HOT = 16;
/** Index of the VM's next sample in the workload's sample arrays. */
export const HOT_CURSOR = 0;
/** When the VM's integrals were last brought up to date, ms. */
export const HOT_LAST_MS = 1;
/** Expected use of a placed VM not yet sampled, counted in its host's pending use, MHz. */
export const HOT_PENDING_USE = 2;
/** Demand and service integrals, MHz x ms. */
export const HOT_DEMAND_INT = 3;
export const HOT_SERVED_INT = 4;
/** workload.sampleStart[v + 1]: one past the VM's last sample. */
export const HOT_SAMPLE_END = 5;
/** workload.endAtMs[v]. */
export const HOT_END_AT_MS = 6;
/** The sharing rules' cpuCapMhz[v]. */
export const HOT_CAP_MHZ = 7;
/** CPU demand of the VM's current sample, MHz (0 before its first and after its last). */
export const HOT_DEMAND = 8;
/** CPU served now, MHz. */
export const HOT_SERVED = 9;
/** min(demand, cap) x wantScale: what the VM would get on an uncontended host, MHz. */
export const HOT_WANT = 10;
/** 1, 1 - degradation while migrating, 0 while booting: the share of its CPU a VM can use. */
export const HOT_WANT_SCALE = 11;
/**
 * When every sample k of the VM is at exactly HOT_TIME_BASE + k x HOT_STEP_MS (k indexes the
 * workload's sample arrays), HOT_STEP_MS is that step; else it is -1 and the times are read
 * from the workload. Most traces sample at a fixed interval, and reading the next time from
 * the workload was a cache miss per sample.
 */
export const HOT_TIME_BASE = 12;
export const HOT_STEP_MS = 13;

/** The records of every VM at the start of a run. */
export function vmHotRecords(workload: Workload, cpuCapMhz: Float64Array): Float64Array {
  const n = workload.vmCount;
  const hot = new Float64Array(n * VM_HOT);
  for (let vm = 0; vm < n; vm++) {
    const r = vm * VM_HOT;
    hot[r + HOT_CURSOR] = workload.sampleStart[vm]!;
    hot[r + HOT_SAMPLE_END] = workload.sampleStart[vm + 1]!;
    hot[r + HOT_END_AT_MS] = workload.endAtMs[vm]!;
    hot[r + HOT_CAP_MHZ] = cpuCapMhz[vm]!;
    hot[r + HOT_WANT_SCALE] = 1;
    evenSpacing(workload, vm, hot, r);
  }
  return hot;
}

/** Sets the VM's time base and step when its sample times are evenly spaced, exactly. */
function evenSpacing(workload: Workload, vm: number, hot: Float64Array, r: number): void {
  hot[r + HOT_STEP_MS] = -1;
  const from = workload.sampleStart[vm]!;
  const to = workload.sampleStart[vm + 1]!;
  const times = workload.sampleAtMs;
  if (to - from < 2) return;
  const step = times[from + 1]! - times[from]!;
  const base = times[from]! - from * step;
  if (!(step > 0) || !Number.isSafeInteger(step) || !Number.isSafeInteger(base)) return;
  for (let k = from; k < to; k++) if (base + k * step !== times[k]) return;
  hot[r + HOT_TIME_BASE] = base;
  hot[r + HOT_STEP_MS] = step;
}

/** Time of sample k of the VM whose record starts at r (as workload.sampleAtMs[k]). */
export function sampleTime(hot: Float64Array, r: number, k: number, sampleAtMs: Float64Array): number {
  const step = hot[r + HOT_STEP_MS]!;
  return step > 0 ? hot[r + HOT_TIME_BASE]! + k * step : sampleAtMs[k]!;
}

/** One field of every record, as an array indexed by VM (into `out` when given). */
export function hotField(hot: Float64Array, field: number, out: Float64Array = new Float64Array(hot.length / VM_HOT)): Float64Array {
  const n = hot.length / VM_HOT;
  for (let vm = 0; vm < n; vm++) out[vm] = hot[vm * VM_HOT + field]!;
  return out;
}
