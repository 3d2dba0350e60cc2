import { Simulator } from '../engine/simulator.js';
import type { RolloutRecord, RunRecord, UpgradeRecord } from './run-record.js';
import type { Datacenter } from '../model/datacenter.js';
import type { Workload } from '../traces/workload.js';
import { cloudsimInitialHosts } from '../placement/cloudsim-initial-placement.js';
import { buildSimulation } from './build-simulation.js';
import { demandReadAtOffset } from './cloudsim/cloudsim-demand.js';
import { EventLog } from './event-log.js';
import type { SettledObserver } from './kernel.js';
import type { SimState } from './sim-state.js';
import { Hot, hotField } from './vm-hot.js';
import { resolveSimulationOptions, VM_DEPARTED, VM_PENDING, VM_PLACED, type SimulationSettings } from './simulation-options.js';

export type { SimulationSettings } from './simulation-options.js';

/** Observers for tests: called once per time step with every host settled (the slow reference check). */
export interface SimulationProbes {
  observe?: (state: SimState) => SettledObserver;
}

/** Replays a workload on a datacenter and returns the raw integrals. Pure: same inputs, same record. */
export function simulate(workload: Workload, dc: Datacenter, settings: SimulationSettings, probes: SimulationProbes = {}): RunRecord {
  const options = resolveSimulationOptions(settings, traceEndMs(workload));
  const durationMs = options.durationMs;
  const sim = new Simulator();
  const log = settings.events ? new EventLog(settings.events, dc.hostIds, workload.vmIds) : null;
  // The caller's compat options stay untouched: the trace's own samples go in this run's copy.
  if (options.compat?.switches.vanishingVms) {
    options.compat = { ...options.compat, rawCpuMhz: workload.sampleCpuMhz };
    workload = demandReadAtOffset(workload, options.compat.offsetMs);
  }
  const compat = options.compat;
  if (compat?.switches.initialPlacement) options.pinnedHost = cloudsimInitialHosts(dc, workload, compat.initialPlacement, compat.switches.coreCap);
  const { state: s, kernel, start, finish, series, racks, causes } = buildSimulation(sim, dc, workload, settings.rules, settings.policy, options, log);
  if (probes.observe) kernel.observeSettled(probes.observe(s));
  start();
  sim.run(kernel, durationMs);
  const backlog = finish(durationMs);
  const v = s.vm;
  const h = s.host;

  const warnings: Record<string, number> = {};
  for (const warning of workload.warnings) warnings[warning.code] = warning.count;
  let notStarted = 0;
  for (let vm = 0; vm < workload.vmCount; vm++) if (v.vmState[vm] === VM_PENDING) notStarted++;
  if (notStarted > 0) warnings['vms-start-after-end'] = notStarted;

  return {
    durationMs,
    meter: s.meter,
    ...(series ? { intervals: series } : {}),
    ...(racks ? { racks: racks.result() } : {}),
    ...(backlog ? { backlog } : {}),
    hosts: {
      ids: dc.hostIds,
      model: Array.from(dc.modelOf, (m) => dc.models[m]!.id),
      cluster: Array.from(dc.clusterOf, (c) => dc.clusterIds[c]!),
      rack: Array.from(dc.rackOf, (r) => dc.rackIds[r]!),
      cpuCapacityMhz: s.hostGuestCapacity,
      memoryMiB: dc.memoryMiB,
      costUsd: Array.from(dc.modelOf, (m) => dc.models[m]!.costUsd ?? null),
      vmsPlaced: h.hostVmsPlaced,
      demandInt: h.hostDemandInt,
      servedInt: h.hostServedInt,
      energyInt: h.hostEnergyInt,
      onInt: h.hostOnInt,
      overloadInt: h.hostOverloadInt,
      peakUtilization: h.hostPeakUtilization,
    },
    vms: {
      ids: workload.vmIds,
      host: v.vmLastHost,
      placed: (vm) => v.vmState[vm] === VM_PLACED || v.vmState[vm] === VM_DEPARTED,
      arrived: (vm) => v.vmState[vm] !== VM_PENDING,
      reason: s.vmUnplacedReason,
      cores: workload.cores,
      cpuCapacityMhz: workload.cpuCapacityMhz,
      memoryMiB: workload.memoryMiB,
      demandInt: hotField(s.vm.vmHot, Hot.DemandInt),
      servedInt: hotField(s.vm.vmHot, Hot.ServedInt),
      degradedInt: v.vmDegradedInt,
      restarts: v.vmRestarts,
      downInt: v.vmDownInt,
      lostInt: v.vmLostInt,
      waitingInt: v.vmWaitingInt,
      aboveSizeInt: v.vmAboveSizeInt,
      lifetimeInt: v.vmLifetimeInt,
      failed: (vm) => v.vmFailed[vm] === 1,
      deferrable: v.vmDeferrable,
    },
    outages: s.outages,
    maintenance: s.maintenance,
    ...(options.maintenance ? { upgrade: upgradeRecord(s, causes?.upgradeTransitionInt() ?? 0) } : {}),
    ...(options.failures.length > 0 ? { blastRadius: { ...s.failureTally } } : {}),
    ...(options.rollout ? { rollout: rolloutRecord(s, causes?.rolloutInt() ?? 0) } : {}),
    assignments: s.assignments,
    migrationLog: s.migrationLog,
    warnings,
  };
}

export function traceEndMs(workload: Workload): number {
  let end = 0;
  for (let vm = 0; vm < workload.vmCount; vm++) end = Math.max(end, workload.endAtMs[vm]!);
  return Math.ceil(end);
}

function upgradeRecord(s: SimState, transitionLostInt: number): UpgradeRecord {
  const standby = s.options.maintenance!.standby ?? null;
  let migratedMiB = 0;
  for (const i of s.upgradeTally.migrationRecords) migratedMiB += s.migrationLog[i]!.transferredMiB;
  // Hosts still draining or upgrading at the end are out until then.
  let stillOutMs = 0;
  for (const closedAt of s.upgradeTally.closedAtMs.values()) stillOutMs += s.options.durationMs - closedAt;
  return {
    mode: standby ? 'standby' : 'drain',
    transitionMs: standby?.transitionMs ?? null,
    transitionCpuFraction: standby?.cpuFraction ?? null,
    hostsUpgraded: s.maintenance.hostsUpgraded,
    hostOutMs: s.upgradeTally.hostOutMs + stillOutMs,
    migrations: s.maintenance.migrations,
    migratedMiB,
    transitionLostInt: standby ? transitionLostInt : null,
  };
}

function rolloutRecord(s: SimState, lostInt: number): RolloutRecord {
  const r = s.options.rollout!;
  return { mode: r.mode, waveSize: r.waveSize, bootMs: r.bootMs, overlapMs: r.overlapMs, patchMs: r.patchMs, ...s.rolloutTally, lostInt };
}
