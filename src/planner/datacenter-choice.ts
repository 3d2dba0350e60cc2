import type { Catalog } from '../model/catalog.js';
import { buildDatacenter, uniformTopology, type Datacenter } from '../model/datacenter.js';
import type { TopologySpec } from '../model/specs.js';
// Types only: rack-limits.ts words its answers with number formats a worker thread does not load.
import type { PlanRackLimits } from './rack-limits.js';

/** The datacenter of a run: N hosts of one model on one rack, or a topology file. */
export type DatacenterChoice =
  | { kind: 'uniform'; model: string; count: number; hypervisor: string; racks?: { limits: PlanRackLimits; hostsPerRack: number } }
  | { kind: 'topology'; path: string };

/** N hosts of one model of `models`, on one rack or in racks under the plan's rack limits. */
export function uniformDatacenter(choice: Extract<DatacenterChoice, { kind: 'uniform' }>, models: Catalog): Datacenter {
  if (choice.racks) {
    const topology = rackedTopology(choice.model, choice.count, choice.hypervisor, choice.racks.limits, choice.racks.hostsPerRack);
    return buildDatacenter(topology, models, `${choice.model} x ${choice.count} in racks`);
  }
  return buildDatacenter(uniformTopology(choice.model, choice.count, choice.hypervisor), models, `${choice.model} x ${choice.count}`);
}

/**
 * `count` hosts of one model in racks of `hostsPerRack` (the last one partly full), each rack
 * carrying the plan's budget and slots, so the simulation holds placement to them too.
 */
export function rackedTopology(modelId: string, count: number, hypervisorId: string, limits: PlanRackLimits, hostsPerRack: number): TopologySpec {
  const racks = [];
  for (let placed = 0, r = 1; placed < count; r++) {
    const n = Math.min(hostsPerRack, count - placed);
    racks.push({
      id: `rack-${r}`,
      hosts: [{ model: modelId, count: n }],
      ...(limits.powerBudgetW !== null ? { powerBudgetW: limits.powerBudgetW } : {}),
      ...(limits.slots !== null ? { slots: limits.slots } : {}),
    });
    placed += n;
  }
  return { id: `${modelId}-x${count}-racked`, name: `${count} x ${modelId} in ${racks.length} racks`, hypervisor: hypervisorId, clusters: [{ id: 'cluster', racks }] };
}
