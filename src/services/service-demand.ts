import type { Workload } from '../traces/workload.js';
import type { ServiceMapping } from './service-mapping.js';

/**
 * Each service's demand over time: the sum of its members' demand, as piecewise-constant steps
 * (step k of service s, stepStart[s] <= k < stepStart[s + 1], holds from stepAtMs[k] until the
 * next step, the last one until endAtMs[s]). Built once per run from the members' sample times
 * merged; a member adds nothing before its first sample and after its end, like in replay.
 */
export interface ServiceDemand {
  readonly ids: readonly string[];
  readonly memberCount: Int32Array;
  /** Provisioned CPU of the members together, MHz. */
  readonly provisionedMhz: Float64Array;
  /** First member's start and last member's end, ms. */
  readonly startAtMs: Float64Array;
  readonly endAtMs: Float64Array;
  readonly stepStart: Uint32Array;
  readonly stepAtMs: Float64Array;
  readonly stepCpuMhz: Float64Array;
  readonly stepMemoryMiB: Float64Array;
}

// Sums of deltas drift by a few ulps; a total this close to zero is zero.
const ZERO_MHZ = 1e-6;

export function serviceDemand(workload: Workload, mapping: ServiceMapping): ServiceDemand {
  const w = workload;
  const n = mapping.ids.length;
  const members: number[][] = Array.from({ length: n }, () => []);
  for (let vm = 0; vm < w.vmCount; vm++) members[mapping.serviceOf[vm]!]!.push(vm);
  const memberCount = Int32Array.from(members, (m) => m.length);
  const provisionedMhz = Float64Array.from(members, (m) => m.reduce((sum, vm) => sum + w.cpuCapacityMhz[vm]!, 0));
  const startAtMs = new Float64Array(n).fill(Number.POSITIVE_INFINITY);
  const endAtMs = new Float64Array(n);
  const stepStart = new Uint32Array(n + 1);
  const at: number[] = [];
  const cpu: number[] = [];
  const memory: number[] = [];
  for (let s = 0; s < n; s++) {
    const changes = memberChanges(w, members[s]!);
    let total = 0;
    let totalMemory = 0;
    for (let i = 0; i < changes.atMs.length; ) {
      const t = changes.atMs[changes.order[i]!]!;
      while (i < changes.atMs.length && changes.atMs[changes.order[i]!] === t) {
        total += changes.cpu[changes.order[i]!]!;
        totalMemory += changes.memory[changes.order[i]!]!;
        i++;
      }
      if (Math.abs(total) < ZERO_MHZ) total = 0;
      if (Math.abs(totalMemory) < ZERO_MHZ) totalMemory = 0;
      at.push(t);
      cpu.push(total);
      memory.push(totalMemory);
    }
    for (const vm of members[s]!) {
      const first = w.sampleStart[vm]!;
      startAtMs[s] = Math.min(startAtMs[s]!, first < w.sampleStart[vm + 1]! ? w.sampleAtMs[first]! : w.endAtMs[vm]!);
      endAtMs[s] = Math.max(endAtMs[s]!, w.endAtMs[vm]!);
    }
    // The last change is every member leaving (a step of 0 at the end): the end holds it.
    if (at.length > stepStart[s]! && at[at.length - 1] === endAtMs[s]) {
      at.pop();
      cpu.pop();
      memory.pop();
    }
    stepStart[s + 1] = at.length;
  }
  return {
    ids: mapping.ids,
    memberCount,
    provisionedMhz,
    startAtMs,
    endAtMs,
    stepStart,
    stepAtMs: Float64Array.from(at),
    stepCpuMhz: Float64Array.from(cpu),
    stepMemoryMiB: Float64Array.from(memory),
  };
}

/** Every change of the members' demand as (time, delta), with an order by time then member. */
function memberChanges(w: Workload, vms: number[]): { atMs: Float64Array; cpu: Float64Array; memory: Float64Array; order: Uint32Array } {
  let count = 0;
  for (const vm of vms) count += w.sampleStart[vm + 1]! - w.sampleStart[vm]! + 1;
  const atMs = new Float64Array(count);
  const cpu = new Float64Array(count);
  const memory = new Float64Array(count);
  let i = 0;
  for (const vm of vms) {
    let lastCpu = 0;
    let lastMemory = 0;
    const end = w.endAtMs[vm]!;
    for (let k = w.sampleStart[vm]!; k < w.sampleStart[vm + 1]! && w.sampleAtMs[k]! < end; k++) {
      atMs[i] = w.sampleAtMs[k]!;
      cpu[i] = w.sampleCpuMhz[k]! - lastCpu;
      memory[i] = w.sampleMemoryMiB[k]! - lastMemory;
      lastCpu = w.sampleCpuMhz[k]!;
      lastMemory = w.sampleMemoryMiB[k]!;
      i++;
    }
    atMs[i] = end;
    cpu[i] = -lastCpu;
    memory[i] = -lastMemory;
    i++;
  }
  // Members are visited in VM order, so a stable sort by time keeps same-time changes in VM order.
  const order = Uint32Array.from({ length: i }, (_, j) => j).sort((a, b) => atMs[a]! - atMs[b]! || a - b);
  return { atMs: atMs.subarray(0, i), cpu: cpu.subarray(0, i), memory: memory.subarray(0, i), order };
}

/** Demand of service s at `atMs` (0 before its first step). */
export function demandAt(d: ServiceDemand, s: number, atMs: number): number {
  let lo = d.stepStart[s]!;
  let hi = d.stepStart[s + 1]!;
  if (lo === hi || atMs < d.stepAtMs[lo]! || atMs >= d.endAtMs[s]!) return 0;
  while (hi - lo > 1) {
    const mid = (lo + hi) >>> 1;
    if (d.stepAtMs[mid]! <= atMs) lo = mid;
    else hi = mid;
  }
  return d.stepCpuMhz[lo]!;
}
