import type { SimState } from './sim-state.js';

/**
 * The only place where a rate is multiplied by a time. Every rate (demand, service, power, ...)
 * is constant between the events that change it, so each integral is brought up to date
 * ("touched") just before its rate changes, and once at the end of the run.
 */

/** The part of [fromMs, toMs) in which energy is counted (the classic setup skips the first interval). */
export function energyMs(s: SimState, fromMs: number, toMs: number): number {
  const start = s.options.power.energyFromMs;
  return start <= fromMs ? toMs - fromMs : Math.max(0, toMs - start);
}

/** Integrates a host's constant rates up to `atMs`. */
export function touchHost(s: SimState, host: number, atMs: number): void {
  const h = s.host;
  const from = h.hostLastMs[host]!;
  const dt = atMs - from;
  if (dt <= 0) return;
  h.hostDemandInt[host] = h.hostDemandInt[host]! + h.hostDemand[host]! * dt;
  h.hostServedInt[host] = h.hostServedInt[host]! + h.hostServed[host]! * dt;
  h.hostEnergyInt[host] = h.hostEnergyInt[host]! + h.hostPower[host]! * energyMs(s, from, atMs);
  if (h.hostActive[host]) {
    h.hostOnInt[host] = h.hostOnInt[host]! + dt;
    if (h.hostOverloaded[host]) h.hostOverloadInt[host] = h.hostOverloadInt[host]! + dt;
  }
  h.hostLastMs[host] = atMs;
}

/** Integrates a VM's constant rates up to `atMs`. */
export function touchVm(s: SimState, vm: number, atMs: number): void {
  const v = s.vm;
  const dt = atMs - v.vmLastMs[vm]!;
  if (dt <= 0) return;
  v.vmDemandInt[vm] = v.vmDemandInt[vm]! + v.vmDemand[vm]! * dt;
  v.vmServedInt[vm] = v.vmServedInt[vm]! + v.vmServed[vm]! * dt;
  if (v.vmMigrating[vm] | v.vmDown[vm]) {
    v.vmDegradedInt[vm] = v.vmDegradedInt[vm]! + v.vmDegradedRate[vm]! * dt;
    if (v.vmDown[vm] && v.vmAlive[vm]) {
      v.vmDownInt[vm] = v.vmDownInt[vm]! + dt;
      v.vmLostInt[vm] = v.vmLostInt[vm]! + v.vmDemand[vm]! * dt;
    }
  }
  v.vmLastMs[vm] = atMs;
}

/** Adds the cluster's rates over [fromMs, toMs) to the run meter (called once per time step). */
export function integrateCluster(s: SimState, fromMs: number, toMs: number): void {
  const m = s.meter;
  const dt = toMs - fromMs;
  m.hostsDownInt += s.hostsDown * dt;
  m.vmsWaitingInt += s.waitingCount * dt;
  m.demandInt += s.clusterDemand * dt;
  m.servedInt += s.clusterServed * dt;
  m.capacityInt += s.clusterCapacity * dt;
  m.powerInt += s.clusterPower * energyMs(s, fromMs, toMs);
  m.activeHostsInt += s.clusterActive * dt;
  m.runningVmsInt += s.clusterRunningVms * dt;
  m.footprintInt += s.clusterFootprint * dt;
  m.overcommittedMemoryInt += s.clusterOvercommitted * dt;
  if (s.clusterActive > m.activeHostsPeak) m.activeHostsPeak = s.clusterActive;
  if (s.clusterPower > m.powerPeakW) m.powerPeakW = s.clusterPower;
}
