import type { Catalog } from '../model/catalog.js';
import { buildDatacenter, uniformTopology, type Datacenter } from '../model/datacenter.js';
import type { HostModelSpec, TopologySpec } from '../model/specs.js';
import type { SharingRules } from '../simulation/sharing-rules.js';
import type { Workload } from '../traces/workload.js';
import { effectiveHypervisor, fitsEmptyHost, type VariantPlan } from './compare-variants.js';

/** The hosts one comparison scenario runs on. */
export interface VariantFleet {
  dc: Datacenter;
  /** Dedicated servers: the host of each VM (-1: no candidate model fits it). Absent for pools. */
  pinnedHost?: Int32Array;
  /** Dedicated servers: how many of each model, smallest model first. Empty for pools. */
  dedicatedModels: { model: HostModelSpec; count: number }[];
}

/** Names datacenter errors after the comparison rather than a topology file (there is none). */
const FLEET_SOURCE = '(compare)';

export function variantFleet(variant: VariantPlan, workload: Workload, rules: SharingRules, catalog: Catalog): VariantFleet {
  return variant.hostModel ? hostPool(variant, variant.hostModel, workload, rules, catalog) : dedicatedServers(variant, workload, rules, catalog);
}

/**
 * One server per workload: the first candidate (smallest by CPU, then memory) that the workload
 * fits alone. Servers are grouped by model, one rack per model, and each VM is pinned to its own.
 */
function dedicatedServers(variant: VariantPlan, workload: Workload, rules: SharingRules, catalog: Catalog): VariantFleet {
  const hypervisor = effectiveHypervisor(variant);
  const candidates = variant.candidateModels;
  const modelOfVm = new Int32Array(workload.vmCount).fill(-1);
  const counts = new Array<number>(candidates.length).fill(0);
  for (let vm = 0; vm < workload.vmCount; vm++) {
    const m = candidates.findIndex((model) =>
      fitsEmptyHost(model, hypervisor, rules.reserveCpuMhz[vm]!, rules.reserveMemoryMiB[vm]!, workload.gpus[vm]!),
    );
    modelOfVm[vm] = m;
    if (m >= 0) counts[m]!++;
  }
  const firstHost: number[] = [];
  let hosts = 0;
  for (const count of counts) {
    firstHost.push(hosts);
    hosts += count;
  }
  const next = [...firstHost];
  const pinnedHost = Int32Array.from(modelOfVm, (m) => (m < 0 ? -1 : next[m]!++));
  const dedicatedModels = candidates.map((model, m) => ({ model, count: counts[m]! })).filter((g) => g.count > 0);
  const topology: TopologySpec = {
    id: 'dedicated-servers',
    name: `${hosts} dedicated servers`,
    hypervisor: variant.hypervisor.id,
    clusters: [{ id: 'dedicated', racks: dedicatedModels.map((g) => ({ id: g.model.id, hosts: [{ model: g.model.id, count: g.count }] })) }],
  };
  return { dc: buildDatacenter(topology, catalog, FLEET_SOURCE, hypervisor), pinnedHost, dedicatedModels };
}

/**
 * A pool of one host model, large enough that no VM is refused for lack of hosts: one host for
 * every VM that fits an empty host (at least one). Hosts without VMs are off, so the pool's size
 * costs nothing; the servers a scenario needs are its peak of powered-on hosts.
 */
function hostPool(variant: VariantPlan, model: HostModelSpec, workload: Workload, rules: SharingRules, catalog: Catalog): VariantFleet {
  const size = poolSize(variant, model, workload, rules);
  const topology = uniformTopology(model.id, size, variant.hypervisor.id);
  return { dc: buildDatacenter(topology, catalog, FLEET_SOURCE, effectiveHypervisor(variant)), dedicatedModels: [] };
}

export function poolSize(variant: VariantPlan, model: HostModelSpec, workload: Workload, rules: SharingRules): number {
  const hypervisor = effectiveHypervisor(variant);
  let fitting = 0;
  for (let vm = 0; vm < workload.vmCount; vm++) {
    if (fitsEmptyHost(model, hypervisor, rules.reserveCpuMhz[vm]!, rules.reserveMemoryMiB[vm]!, workload.gpus[vm]!)) fitting++;
  }
  return Math.max(1, fitting);
}
