import type { Catalog } from './catalog.js';
import { lookup } from './lookup.js';
import { powerCurve } from './power-curve.js';
import type { HostModelSpec, HypervisorSpec, TopologySpec } from './specs.js';

/**
 * The physical datacenter of a run, resolved from a topology: one entry per host, in topology
 * order (clusters, racks, groups), addressed by integer index. Read-only during a run.
 */
export interface Datacenter {
  readonly topologyId: string;
  readonly hostCount: number;
  readonly hostIds: readonly string[];
  readonly clusterIds: readonly string[];
  readonly rackIds: readonly string[];
  readonly clusterOf: Int32Array;
  readonly rackOf: Int32Array;
  readonly models: readonly HostModelSpec[];
  readonly modelOf: Int32Array;
  /** Physical CPU, cores x MHz per core. */
  readonly cpuCapacityMhz: Float64Array;
  readonly memoryMiB: Float64Array;
  readonly gpus: Float64Array;
  /** 11-point power curve per model index. */
  readonly powerCurves: readonly Float64Array[];
  readonly hypervisors: readonly HypervisorSpec[];
  readonly hypervisorOf: Int32Array;
  /** Per rack: power budget W (Infinity: none) and slots (0: not given); absent when no rack has either. */
  readonly rackLimits?: RackLimits;
}

export interface RackLimits {
  readonly powerBudgetW: Float64Array;
  readonly slots: Int32Array;
}

/** A host's peak power, the figure rack budgets are held to: its full-load or boot power, whichever is higher. */
export function hostPeakPowerW(model: HostModelSpec, curve: Float64Array): number {
  return Math.max(curve[10]!, model.bootPowerW ?? curve[10]!);
}

export interface HypervisorOverride {
  cpuOverheadFraction?: number;
  memoryOverheadMiB?: number;
  cpuOvercommit?: number;
  memoryOvercommit?: number;
}

export function buildDatacenter(
  topology: TopologySpec,
  catalog: Catalog,
  topologyFile: string,
  override: HypervisorOverride = {},
): Datacenter {
  const models: HostModelSpec[] = [];
  const modelIndex = new Map<string, number>();
  const hypervisors: HypervisorSpec[] = [];
  const hypervisorIndex = new Map<string, number>();
  const hostIds: string[] = [];
  const clusterOf: number[] = [];
  const rackOf: number[] = [];
  const modelOf: number[] = [];
  const hypervisorOf: number[] = [];
  const rackIds: string[] = [];
  const rackBudgets: number[] = [];
  const rackSlots: number[] = [];

  topology.clusters.forEach((cluster, c) => {
    const hypervisorId = cluster.hypervisor ?? topology.hypervisor;
    if (!hypervisorIndex.has(hypervisorId)) {
      const spec = lookup(catalog.hypervisors, hypervisorId, 'hypervisor', { file: topologyFile, field: `clusters[${c}].hypervisor` });
      hypervisorIndex.set(hypervisorId, hypervisors.length);
      hypervisors.push({ ...spec, ...override });
    }
    cluster.racks.forEach((rack, r) => {
      const rackIndex = rackIds.length;
      rackIds.push(rack.id);
      rackBudgets.push(rack.powerBudgetW ?? Number.POSITIVE_INFINITY);
      rackSlots.push(rack.slots ?? 0);
      for (let round = 0; round < (rack.repeat ?? 1); round++) {
      rack.hosts.forEach((group, g) => {
        if (!modelIndex.has(group.model)) {
          const field = `clusters[${c}].racks[${r}].hosts[${g}].model`;
          modelIndex.set(group.model, models.length);
          models.push(lookup(catalog.hosts, group.model, 'host model', { file: topologyFile, field }));
        }
        for (let i = 0; i < group.count; i++) {
          hostIds.push(`${rack.id}-${String(hostIds.length + 1).padStart(4, '0')}`);
          clusterOf.push(c);
          rackOf.push(rackIndex);
          modelOf.push(modelIndex.get(group.model)!);
          hypervisorOf.push(hypervisorIndex.get(hypervisorId)!);
        }
      });
      }
    });
  });

  return {
    topologyId: topology.id,
    hostCount: hostIds.length,
    hostIds,
    clusterIds: topology.clusters.map((c) => c.id),
    rackIds,
    clusterOf: Int32Array.from(clusterOf),
    rackOf: Int32Array.from(rackOf),
    models,
    modelOf: Int32Array.from(modelOf),
    cpuCapacityMhz: Float64Array.from(modelOf, (m) => models[m]!.cores * models[m]!.mhzPerCore),
    memoryMiB: Float64Array.from(modelOf, (m) => models[m]!.memoryMiB),
    gpus: Float64Array.from(modelOf, (m) => models[m]!.gpus),
    powerCurves: models.map((m) => powerCurve(m.power)),
    hypervisors,
    hypervisorOf: Int32Array.from(hypervisorOf),
    ...(rackBudgets.some(Number.isFinite) || rackSlots.some((n) => n > 0)
      ? { rackLimits: { powerBudgetW: Float64Array.from(rackBudgets), slots: Int32Array.from(rackSlots) } }
      : {}),
  };
}

/** A one-cluster, one-rack topology of `count` hosts of one model (planner and compare use it). */
export function uniformTopology(modelId: string, count: number, hypervisorId: string): TopologySpec {
  return {
    id: `${modelId}-x${count}`,
    name: `${count} x ${modelId}`,
    hypervisor: hypervisorId,
    clusters: [{ id: 'cluster', racks: [{ id: 'rack', hosts: [{ model: modelId, count }] }] }],
  };
}
