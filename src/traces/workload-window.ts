import { InputError } from '../common/input-error.js';
import type { VmIdList } from './vm-id-list.js';
import { mapWorkloadIo, type Workload } from './workload.js';

/** A part of a workload: its first VMs or a list of them, and a time window in ms from the trace's start. */
export interface WorkloadSelection {
  firstVms?: number;
  /** Only these VMs (kept in trace order); an id the trace lacks is an error at its line. */
  vmList?: VmIdList;
  fromMs?: number;
  toMs?: number;
}

/**
 * The first `firstVms` VMs (in trace order) within [fromMs, toMs), shifted so that fromMs is
 * t = 0. A VM running at fromMs keeps the demand of its last sample at or before it; VMs that
 * end by fromMs or start at or after toMs are left out; ends are cut at toMs. Pure.
 */
export function selectWorkload(w: Workload, selection: WorkloadSelection): Workload {
  const from = selection.fromMs ?? 0;
  const to = selection.toMs ?? Number.POSITIVE_INFINITY;
  const candidates = selection.vmList ? listedVms(w, selection.vmList) : null;
  const count = candidates ? candidates.length : Math.min(w.vmCount, selection.firstVms ?? w.vmCount);
  const vms: number[] = [];
  const keep: number[] = [];
  const starts: number[] = [0];
  const ends: number[] = [];
  for (let i = 0; i < count; i++) {
    const vm = candidates ? candidates[i]! : i;
    const first = w.sampleStart[vm]!;
    const last = w.sampleStart[vm + 1]!;
    const startMs = first < last ? w.sampleAtMs[first]! : w.endAtMs[vm]!;
    if (w.endAtMs[vm]! <= from || startMs >= to) continue;
    let k = first;
    while (k + 1 < last && w.sampleAtMs[k + 1]! <= from) k++;
    for (; k < last && w.sampleAtMs[k]! < to; k++) keep.push(k);
    vms.push(vm);
    starts.push(keep.length);
    ends.push(Math.min(w.endAtMs[vm]!, to) - from);
  }
  const pick32 = (a: Float32Array) => Float32Array.from(keep, (k) => a[k]!);
  const perVm = (a: Float64Array) => Float64Array.from(vms, (vm) => a[vm]!);
  return {
    ...w,
    vmCount: vms.length,
    vmIds: vms.map((vm) => w.vmIds[vm]!),
    cores: perVm(w.cores),
    cpuCapacityMhz: perVm(w.cpuCapacityMhz),
    memoryMiB: perVm(w.memoryMiB),
    gpus: perVm(w.gpus),
    endAtMs: Float64Array.from(ends),
    sampleStart: Uint32Array.from(starts),
    sampleAtMs: Float64Array.from(keep, (k) => Math.max(w.sampleAtMs[k]!, from) - from),
    sampleCpuMhz: pick32(w.sampleCpuMhz),
    sampleMemoryMiB: pick32(w.sampleMemoryMiB),
    io: mapWorkloadIo(w.io, pick32),
  };
}

/** Indices of the listed VMs in trace order; an id not in the trace is an error at its line. */
function listedVms(w: Workload, list: VmIdList): number[] {
  const index = new Map<string, number>();
  w.vmIds.forEach((id, vm) => index.set(id, vm));
  const out = list.ids.map((id, i) => {
    const vm = index.get(id);
    if (vm === undefined) throw new InputError(`unknown VM id "${id}": the trace has no VM of that id`, { file: list.file, line: list.lines[i]! });
    return vm;
  });
  return out.sort((a, b) => a - b);
}
