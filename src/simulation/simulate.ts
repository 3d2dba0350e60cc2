import { Simulator } from '../engine/simulator.js';
import type { RunRecord } from './run-record.js';
import type { Datacenter } from '../model/datacenter.js';
import type { PlacementPolicy } from '../placement/placement-policy.js';
import type { Workload } from '../traces/workload.js';
import { DatacenterSimulation } from './datacenter-simulation.js';
import type { SharingRules } from './sharing-rules.js';
import type { FailureSchedule } from '../failures/failure-schedule.js';
import {
  DEFAULT_HA,
  DEFAULT_MIGRATION,
  DEFAULT_POWER,
  VM_DEPARTED,
  VM_PENDING,
  VM_PLACED,
  type ConsolidationOptions,
  type HaOptions,
  type MaintenanceOptions,
  type MigrationOptions,
  type PowerOptions,
} from './simulation-options.js';

export interface SimulationSettings {
  rules: SharingRules;
  policy: PlacementPolicy;
  /** Shorthand for power.switchOffIdle. */
  switchOffIdle?: boolean;
  power?: Partial<PowerOptions>;
  migration?: Partial<MigrationOptions>;
  consolidation?: ConsolidationOptions | null;
  failures?: FailureSchedule;
  ha?: Partial<HaOptions>;
  maintenance?: MaintenanceOptions | null;
  initialBatchMs: number;
  reportIntervalMs: number;
  /** Simulated time; the trace's end when absent. */
  durationMs?: number;
  /** Called at report ticks with the fraction of simulated time done (for progress bars). */
  onProgress?: (fraction: number) => void;
  /** Host index per VM (-1 = any); see SimulationOptions.pinnedHost. */
  pinnedHost?: Int32Array;
}

/** Replays a workload on a datacenter and returns the raw integrals. Pure: same inputs, same record. */
export function simulate(workload: Workload, dc: Datacenter, settings: SimulationSettings): RunRecord {
  const durationMs = settings.durationMs ?? traceEndMs(workload);
  const sim = new Simulator();
  const power: PowerOptions = { ...DEFAULT_POWER, ...settings.power };
  if (settings.switchOffIdle !== undefined) power.switchOffIdle = settings.switchOffIdle;
  const model = new DatacenterSimulation(sim, dc, workload, settings.rules, settings.policy, {
    power,
    migration: { ...DEFAULT_MIGRATION, ...settings.migration },
    consolidation: settings.consolidation ?? null,
    failures: settings.failures ?? [],
    ha: { ...DEFAULT_HA, ...settings.ha },
    maintenance: settings.maintenance ?? null,
    initialBatchMs: settings.initialBatchMs,
    reportIntervalMs: settings.reportIntervalMs,
    durationMs,
    ...(settings.onProgress ? { onProgress: settings.onProgress } : {}),
    ...(settings.pinnedHost ? { pinnedHost: settings.pinnedHost } : {}),
  });
  model.start();
  sim.run(model, durationMs);
  model.finish(durationMs);

  const warnings: Record<string, number> = {};
  for (const warning of workload.warnings) warnings[warning.code] = warning.count;
  let notStarted = 0;
  for (let vm = 0; vm < workload.vmCount; vm++) if (model.vmState[vm] === VM_PENDING) notStarted++;
  if (notStarted > 0) warnings['vms-start-after-end'] = notStarted;

  const guestCapacity = Float64Array.from(dc.cpuCapacityMhz, (c, h) => c / (1 + dc.hypervisors[dc.hypervisorOf[h]!]!.cpuOverheadFraction));
  return {
    durationMs,
    meter: model.meter,
    hosts: {
      ids: dc.hostIds,
      model: Array.from(dc.modelOf, (m) => dc.models[m]!.id),
      cluster: Array.from(dc.clusterOf, (c) => dc.clusterIds[c]!),
      rack: Array.from(dc.rackOf, (r) => dc.rackIds[r]!),
      cpuCapacityMhz: guestCapacity,
      memoryMiB: dc.memoryMiB,
      costUsd: Array.from(dc.modelOf, (m) => dc.models[m]!.costUsd ?? null),
      vmsPlaced: model.hostVmsPlaced,
      demandInt: model.hostDemandInt,
      servedInt: model.hostServedInt,
      energyInt: model.hostEnergyInt,
      onInt: model.hostOnInt,
      overloadInt: model.hostOverloadInt,
      peakUtilization: model.hostPeakUtilization,
    },
    vms: {
      ids: workload.vmIds,
      host: model.vmLastHost,
      placed: (vm) => model.vmState[vm] === VM_PLACED || model.vmState[vm] === VM_DEPARTED,
      arrived: (vm) => model.vmState[vm] !== VM_PENDING,
      reason: model.vmUnplacedReason,
      cores: workload.cores,
      cpuCapacityMhz: workload.cpuCapacityMhz,
      memoryMiB: workload.memoryMiB,
      demandInt: model.vmDemandInt,
      servedInt: model.vmServedInt,
      degradedInt: model.vmDegradedInt,
      restarts: model.vmRestarts,
      downInt: model.vmDownInt,
      lostInt: model.vmLostInt,
      lifetimeInt: model.vmLifetimeInt,
      failed: (vm) => model.vmFailed[vm] === 1,
    },
    outages: model.outages,
    maintenance: model.maintenance,
    assignments: model.assignments,
    migrationLog: model.migrationLog,
    warnings,
  };
}

export function traceEndMs(workload: Workload): number {
  let end = 0;
  for (let vm = 0; vm < workload.vmCount; vm++) end = Math.max(end, workload.endAtMs[vm]!);
  return Math.ceil(end);
}
