import type { SettledObserver } from './kernel.js';
import { referenceRates, type ReferenceRates } from './reference-rates.js';
import type { SimState } from './sim-state.js';
import { Hot, hotField } from './vm-hot.js';

/** Relative difference allowed between incremental and reference values. */
export const REFERENCE_TOLERANCE = 1e-9;

/** A difference between the incremental state and the reference, at one time step. */
export class ReferenceMismatch extends Error {}

/**
 * The slow reference run: after every time step (every host settled), recomputes every rate
 * from scratch (referenceRates) and integrates it naively over every host and VM, step by step,
 * then compares both with the incremental state: the shares, sums, power states, reservations
 * and memory of each host, the cluster's running sums, and each host's, VM's and the meter's
 * integrals (brought up to now). Throws a ReferenceMismatch naming the first difference beyond
 * REFERENCE_TOLERANCE. O(hosts + VMs) per step: for tests and small runs only.
 */
export function referenceCheck(s: SimState): SettledObserver {
  const n = s.vmCount;
  const hostCount = s.hostCount;
  const ref = {
    hostDemandInt: new Float64Array(hostCount),
    hostServedInt: new Float64Array(hostCount),
    hostEnergyInt: new Float64Array(hostCount),
    hostOnInt: new Float64Array(hostCount),
    vmDemandInt: new Float64Array(n),
    vmServedInt: new Float64Array(n),
    vmDegradedInt: new Float64Array(n),
    vmLostInt: new Float64Array(n),
    vmWaitingInt: new Float64Array(n),
    vmAboveSizeInt: new Float64Array(n),
    meterDemand: 0,
    meterServed: 0,
    meterCapacity: 0,
    meterPower: 0,
  };
  let previous: ReferenceRates | null = null;
  let previousMs = 0;
  let previousDemand: Float64Array = new Float64Array(n);
  let previousCause: Uint8Array = new Uint8Array(n);
  return (atMs: number) => {
    if (previous && atMs > previousMs) integrate(s, ref, previous, previousDemand, previousCause, previousMs, atMs);
    const rates = referenceRates(s);
    compareRates(s, rates, atMs);
    compareIntegrals(s, ref, atMs);
    previous = rates;
    previousDemand = hotField(s.vm.vmHot, Hot.Demand);
    previousCause = Uint8Array.from({ length: n }, (_, vm) => unmetCause(s, vm));
    previousMs = atMs;
  };
}

const RUNNING = 0;
const DOWN = 1;
const WAITING = 2;
const NOT_RUNNING = 3;

/** Which cause a VM's unmet demand falls under now, from its flags alone (see UnmetCauses). */
function unmetCause(s: SimState, vm: number): number {
  const v = s.vm;
  if (v.vmDown[vm]) {
    if (!v.vmAlive[vm]) return NOT_RUNNING;
    return v.vmWaiting[vm] || v.vmBooting[vm] ? WAITING : DOWN;
  }
  return v.vmHost[vm]! >= 0 ? RUNNING : NOT_RUNNING;
}

type ReferenceIntegrals = ReturnType<typeof referenceIntegralsShape>;
function referenceIntegralsShape() {
  return {
    hostDemandInt: new Float64Array(0),
    hostServedInt: new Float64Array(0),
    hostEnergyInt: new Float64Array(0),
    hostOnInt: new Float64Array(0),
    vmDemandInt: new Float64Array(0),
    vmServedInt: new Float64Array(0),
    vmDegradedInt: new Float64Array(0),
    vmLostInt: new Float64Array(0),
    vmWaitingInt: new Float64Array(0),
    vmAboveSizeInt: new Float64Array(0),
    meterDemand: 0,
    meterServed: 0,
    meterCapacity: 0,
    meterPower: 0,
  };
}

function energyMs(s: SimState, fromMs: number, toMs: number): number {
  const start = s.options.power.energyFromMs;
  return start <= fromMs ? toMs - fromMs : Math.max(0, toMs - start);
}

/** Naive integration: every host and VM, the rates of the previous step over [fromMs, toMs). */
function integrate(s: SimState, ref: ReferenceIntegrals, rates: ReferenceRates, demand: Float64Array, cause: Uint8Array, fromMs: number, toMs: number): void {
  const dt = toMs - fromMs;
  const energyDt = energyMs(s, fromMs, toMs);
  for (let host = 0; host < s.hostCount; host++) {
    ref.hostDemandInt[host] = ref.hostDemandInt[host]! + rates.hostDemand[host]! * dt;
    ref.hostServedInt[host] = ref.hostServedInt[host]! + rates.hostServed[host]! * dt;
    ref.hostEnergyInt[host] = ref.hostEnergyInt[host]! + rates.hostPower[host]! * energyDt;
    if (rates.hostActive[host]) ref.hostOnInt[host] = ref.hostOnInt[host]! + dt;
    ref.meterServed += rates.hostServed[host]! * dt;
    ref.meterCapacity += rates.hostOffered[host]! * dt;
    ref.meterPower += rates.hostPower[host]! * energyDt;
  }
  for (let vm = 0; vm < s.vmCount; vm++) {
    ref.vmDemandInt[vm] = ref.vmDemandInt[vm]! + demand[vm]! * dt;
    ref.vmServedInt[vm] = ref.vmServedInt[vm]! + rates.vmServed[vm]! * dt;
    ref.vmDegradedInt[vm] = ref.vmDegradedInt[vm]! + rates.vmDegradedRate[vm]! * dt;
    ref.meterDemand += demand[vm]! * dt;
    const c = cause[vm]!;
    if (c === DOWN || c === WAITING) ref.vmLostInt[vm] = ref.vmLostInt[vm]! + demand[vm]! * dt;
    if (c === WAITING) ref.vmWaitingInt[vm] = ref.vmWaitingInt[vm]! + demand[vm]! * dt;
    if (c === RUNNING) ref.vmAboveSizeInt[vm] = ref.vmAboveSizeInt[vm]! + Math.max(0, demand[vm]! - s.rules.cpuCapMhz[vm]!) * dt;
  }
}

function expectClose(what: string, incremental: number, reference: number, scale: number, atMs: number): void {
  const tolerance = REFERENCE_TOLERANCE * Math.max(Math.abs(incremental), Math.abs(reference), scale);
  if (Math.abs(incremental - reference) <= tolerance) return;
  throw new ReferenceMismatch(`reference check at ${atMs} ms: ${what} is ${incremental} incrementally, ${reference} from scratch`);
}

function compareRates(s: SimState, r: ReferenceRates, atMs: number): void {
  const v = s.vm;
  const h = s.host;
  const view = s.view;
  let served = 0;
  let power = 0;
  let capacity = 0;
  let active = 0;
  let footprint = 0;
  for (let host = 0; host < s.hostCount; host++) {
    const id = s.dc.hostIds[host];
    const mhz = s.hostGuestCapacity[host]!;
    if (h.hostVmCount[host] !== r.hostVmCount[host]) throw new ReferenceMismatch(`reference check at ${atMs} ms: host ${id} counts ${h.hostVmCount[host]} VMs, holds ${r.hostVmCount[host]}`);
    let listed = 0;
    for (let vm = h.hostHead[host]!; vm >= 0; vm = v.vmNext[vm]!) listed++;
    if (listed !== r.hostVmCount[host]) throw new ReferenceMismatch(`reference check at ${atMs} ms: host ${id} lists ${listed} VMs, holds ${r.hostVmCount[host]}`);
    expectClose(`host ${id} demand MHz`, h.hostDemand[host]!, r.hostDemand[host]!, mhz, atMs);
    expectClose(`host ${id} want MHz`, h.hostWant[host]!, r.hostWant[host]!, mhz, atMs);
    expectClose(`host ${id} served MHz`, h.hostServed[host]!, r.hostServed[host]!, mhz, atMs);
    expectClose(`host ${id} power W`, h.hostPower[host]!, r.hostPower[host]!, 1, atMs);
    expectClose(`host ${id} offered MHz`, h.hostOffered[host]!, r.hostOffered[host]!, mhz, atMs);
    if (h.hostActive[host] !== r.hostActive[host]) throw new ReferenceMismatch(`reference check at ${atMs} ms: host ${id} active ${h.hostActive[host]}, expected ${r.hostActive[host]}`);
    expectClose(`host ${id} memory footprint MiB`, h.hostFootprint[host]!, r.hostFootprint[host]!, s.dc.memoryMiB[host]!, atMs);
    expectClose(`host ${id} reserved MHz`, view.cpuReservedMhz[host]!, r.cpuReservedMhz[host]!, mhz, atMs);
    expectClose(`host ${id} reserved MiB`, view.memoryReservedMiB[host]!, r.memoryReservedMiB[host]!, s.dc.memoryMiB[host]!, atMs);
    served += r.hostServed[host]!;
    power += r.hostPower[host]!;
    capacity += r.hostOffered[host]!;
    active += r.hostActive[host]!;
    footprint += r.hostFootprint[host]!;
  }
  for (let vm = 0; vm < s.vmCount; vm++) {
    const host = v.vmHost[vm]!;
    const scale = host >= 0 ? s.hostGuestCapacity[host]! : 1;
    expectClose(`vm ${s.w.vmIds[vm]} served MHz`, v.vmHot[vm * Hot.Stride + Hot.Served]!, r.vmServed[vm]!, scale, atMs);
    if (host >= 0) expectClose(`vm ${s.w.vmIds[vm]} want MHz`, v.vmHot[vm * Hot.Stride + Hot.Want]!, r.vmWant[vm]!, scale, atMs);
    expectClose(`vm ${s.w.vmIds[vm]} degraded MHz`, v.vmDegradedRate[vm]!, r.vmDegradedRate[vm]!, scale, atMs);
  }
  const clusterScale = Math.max(1, capacity);
  expectClose('cluster demand MHz', s.clusterDemand, r.clusterDemand, clusterScale, atMs);
  expectClose('cluster served MHz', s.clusterServed, served, clusterScale, atMs);
  expectClose('cluster capacity MHz', s.clusterCapacity, capacity, clusterScale, atMs);
  expectClose('cluster power W', s.clusterPower, power, Math.max(1, power), atMs);
  expectClose('cluster footprint MiB', s.clusterFootprint, footprint, Math.max(1, footprint), atMs);
  if (s.clusterActive !== active) throw new ReferenceMismatch(`reference check at ${atMs} ms: ${s.clusterActive} active hosts counted, ${active} from scratch`);
  if (s.clusterRunningVms !== r.runningVms) throw new ReferenceMismatch(`reference check at ${atMs} ms: ${s.clusterRunningVms} running VMs counted, ${r.runningVms} from scratch`);
}

/** Incremental integrals are lazy: each is current up to its last touch, then runs at today's rate. */
function compareIntegrals(s: SimState, ref: ReferenceIntegrals, atMs: number): void {
  const h = s.host;
  const v = s.vm;
  const scaleMs = Math.max(1, atMs);
  for (let host = 0; host < s.hostCount; host++) {
    const id = s.dc.hostIds[host];
    const last = h.hostLastMs[host]!;
    const dt = atMs - last;
    const scale = s.hostGuestCapacity[host]! * scaleMs;
    expectClose(`host ${id} demand integral`, h.hostDemandInt[host]! + h.hostDemand[host]! * dt, ref.hostDemandInt[host]!, scale, atMs);
    expectClose(`host ${id} served integral`, h.hostServedInt[host]! + h.hostServed[host]! * dt, ref.hostServedInt[host]!, scale, atMs);
    expectClose(`host ${id} energy integral`, h.hostEnergyInt[host]! + h.hostPower[host]! * energyMs(s, last, atMs), ref.hostEnergyInt[host]!, scaleMs, atMs);
    expectClose(`host ${id} on-time`, h.hostOnInt[host]! + (h.hostActive[host] ? dt : 0), ref.hostOnInt[host]!, scaleMs, atMs);
  }
  for (let vm = 0; vm < s.vmCount; vm++) {
    const id = s.w.vmIds[vm];
    const r = vm * Hot.Stride;
    const dt = atMs - s.vm.vmHot[r + Hot.LastMs]!;
    const scale = Math.max(1, s.w.cpuCapacityMhz[vm]!) * scaleMs;
    const degrading = v.vmMigrating[vm]! | v.vmDown[vm]!;
    expectClose(`vm ${id} demand integral`, s.vm.vmHot[r + Hot.DemandInt]! + v.vmHot[vm * Hot.Stride + Hot.Demand]! * dt, ref.vmDemandInt[vm]!, scale, atMs);
    expectClose(`vm ${id} served integral`, s.vm.vmHot[r + Hot.ServedInt]! + v.vmHot[vm * Hot.Stride + Hot.Served]! * dt, ref.vmServedInt[vm]!, scale, atMs);
    expectClose(`vm ${id} degraded integral`, v.vmDegradedInt[vm]! + (degrading ? v.vmDegradedRate[vm]! * dt : 0), ref.vmDegradedInt[vm]!, scale, atMs);
    const cause = unmetCause(s, vm);
    const demand = v.vmHot[vm * Hot.Stride + Hot.Demand]!;
    const lostNow = cause === DOWN || cause === WAITING ? demand * dt : 0;
    expectClose(`vm ${id} lost integral`, v.vmLostInt[vm]! + lostNow, ref.vmLostInt[vm]!, scale, atMs);
    expectClose(`vm ${id} waiting integral`, v.vmWaitingInt[vm]! + (cause === WAITING ? demand * dt : 0), ref.vmWaitingInt[vm]!, scale, atMs);
    const aboveNow = cause === RUNNING ? Math.max(0, demand - s.rules.cpuCapMhz[vm]!) * dt : 0;
    expectClose(`vm ${id} above-size integral`, v.vmAboveSizeInt[vm]! + aboveNow, ref.vmAboveSizeInt[vm]!, scale, atMs);
  }
  const m = s.meter;
  const clusterScale = Math.max(1, ref.meterCapacity, ref.meterDemand);
  expectClose('meter demand integral', m.demandInt, ref.meterDemand, clusterScale, atMs);
  expectClose('meter served integral', m.servedInt, ref.meterServed, clusterScale, atMs);
  expectClose('meter capacity integral', m.capacityInt, ref.meterCapacity, clusterScale, atMs);
  expectClose('meter energy integral', m.powerInt, ref.meterPower, Math.max(1, ref.meterPower), atMs);
}
