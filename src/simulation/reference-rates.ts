import { powerAt } from '../model/power-curve.js';
import { shareCapacity } from '../scheduling/share-capacity.js';
import { ZERO_UTILIZATION } from './host-power.js';
import type { SimState } from './sim-state.js';
import { Hot } from './vm-hot.js';

/** Every rate of a settled state, recomputed from scratch (no incremental sums, no linked lists). */
export interface ReferenceRates {
  vmWant: Float64Array;
  vmServed: Float64Array;
  vmDegradedRate: Float64Array;
  hostVmCount: Int32Array;
  hostDemand: Float64Array;
  hostWant: Float64Array;
  hostServed: Float64Array;
  hostPower: Float64Array;
  hostActive: Uint8Array;
  hostOffered: Float64Array;
  hostFootprint: Float64Array;
  cpuReservedMhz: Float64Array;
  memoryReservedMiB: Float64Array;
  clusterDemand: number;
  runningVms: number;
}

/**
 * Recomputes from the VMs' own state (host, demand, want scale, migration target, a rollout's
 * new instance) what every
 * host and VM should have now: VMs are grouped by their vmHost and shared in index order with
 * the pure sharing function; power follows from the power state and the shared total. The slow
 * reference the incremental state is checked against.
 */
export function referenceRates(s: SimState): ReferenceRates {
  const n = s.vmCount;
  const hostCount = s.hostCount;
  const v = s.vm;
  const rules = s.rules;
  const r: ReferenceRates = {
    vmWant: new Float64Array(n),
    vmServed: new Float64Array(n),
    vmDegradedRate: new Float64Array(n),
    hostVmCount: new Int32Array(hostCount),
    hostDemand: new Float64Array(hostCount),
    hostWant: new Float64Array(hostCount),
    hostServed: new Float64Array(hostCount),
    hostPower: new Float64Array(hostCount),
    hostActive: new Uint8Array(hostCount),
    hostOffered: new Float64Array(hostCount),
    hostFootprint: new Float64Array(hostCount),
    cpuReservedMhz: new Float64Array(hostCount),
    memoryReservedMiB: new Float64Array(hostCount),
    clusterDemand: 0,
    runningVms: 0,
  };
  const members: number[][] = Array.from({ length: hostCount }, () => []);
  for (let vm = 0; vm < n; vm++) {
    r.clusterDemand += v.vmHot[vm * Hot.Stride + Hot.Demand]!;
    const host = v.vmHost[vm]!;
    if (v.vmMigrating[vm]) {
      const to = v.vmMigrationTarget[vm]!;
      addReservation(s, r, vm, to);
      r.hostFootprint[to] = r.hostFootprint[to]! + v.vmTransitFootprint[vm]!;
    }
    const holder = s.rolloutHolds?.to[vm] ?? -1;
    if (holder >= 0) {
      addReservation(s, r, vm, holder);
      r.hostFootprint[holder] = r.hostFootprint[holder]! + s.rolloutHolds!.heldMiB[vm]!;
    }
    if (host < 0) continue;
    members[host]!.push(vm);
    r.runningVms++;
    addReservation(s, r, vm, host);
    r.hostFootprint[host] = r.hostFootprint[host]! + v.vmFootprint[vm]!;
  }
  for (let host = 0; host < hostCount; host++) {
    const vms = members[host]!;
    const k = vms.length;
    r.hostVmCount[host] = k;
    const demand = new Float64Array(k);
    const floor = new Float64Array(k);
    const cap = new Float64Array(k);
    const weight = new Float64Array(k);
    const served = new Float64Array(k);
    vms.forEach((vm, i) => {
      const scale = v.vmHot[vm * Hot.Stride + Hot.WantScale]!;
      demand[i] = (v.vmHot[vm * Hot.Stride + Hot.Demand]! + v.vmBacklogAskMhz[vm]!) * scale;
      floor[i] = rules.cpuFloorMhz[vm]! * scale;
      cap[i] = rules.cpuCapMhz[vm]! * scale;
      weight[i] = rules.cpuWeight[vm]!;
      r.hostDemand[host] = r.hostDemand[host]! + v.vmHot[vm * Hot.Stride + Hot.Demand]!;
    });
    const booting = s.host.hostBooting[host] === 1;
    const capacity = booting ? 0 : s.hostGuestCapacity[host]!;
    r.hostServed[host] = shareCapacity(capacity, k, demand, floor, cap, weight, served, new Int32Array(Math.max(1, k)));
    vms.forEach((vm, i) => {
      const uncapped = Math.min(v.vmHot[vm * Hot.Stride + Hot.Demand]! + v.vmBacklogAskMhz[vm]!, rules.cpuCapMhz[vm]!);
      const want = uncapped * v.vmHot[vm * Hot.Stride + Hot.WantScale]!;
      r.vmWant[vm] = want;
      r.vmServed[vm] = served[i]!;
      r.vmDegradedRate[vm] = v.vmMigrating[vm] ? uncapped - want : 0;
      r.hostWant[host] = r.hostWant[host]! + want;
    });
    referencePower(s, r, host, booting, capacity);
  }
  return r;
}

function addReservation(s: SimState, r: ReferenceRates, vm: number, host: number): void {
  r.cpuReservedMhz[host] = r.cpuReservedMhz[host]! + s.rules.reserveCpuMhz[vm]!;
  r.memoryReservedMiB[host] = r.memoryReservedMiB[host]! + s.rules.reserveMemoryMiB[vm]! + s.view.memoryOverheadMiB[host]!;
}

function referencePower(s: SimState, r: ReferenceRates, host: number, booting: boolean, capacity: number): void {
  const power = s.options.power;
  const curve = s.hostCurve[host]!;
  const utilization = booting ? 0 : r.hostServed[host]! / s.hostGuestCapacity[host]!;
  let active = s.host.hostOn[host] === 1;
  let watts = 0;
  if (active) {
    if (booting) watts = s.hostBootPowerW[host]!;
    else if (power.zeroUtilizationIsOff && utilization <= ZERO_UTILIZATION) active = false;
    else watts = power.followsLoad ? powerAt(curve, utilization) : curve[10]!;
  }
  r.hostPower[host] = watts;
  r.hostActive[host] = active ? 1 : 0;
  r.hostOffered[host] = active && !booting ? capacity : 0;
}
