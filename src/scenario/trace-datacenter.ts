import { InputError } from '../common/input-error.js';
import type { Catalog } from '../model/catalog.js';
import { lookup } from '../model/lookup.js';
import { buildDatacenter, type Datacenter } from '../model/datacenter.js';
import { traceTopology, type TraceTopology } from '../traces/trace-topology.js';
import type { Workload } from '../traces/workload.js';
import type { ResolvedScenario } from './load-scenario.js';

/**
 * Cluster traces record containers and tasks run straight on their machines, so on the trace's
 * own machines they run without a hypervisor (no overhead, no overcommit) unless --hypervisor
 * says otherwise: a machine-sized workload (alibaba-2018 machines) then fits its machine.
 */
export const TRACE_DEFAULT_HYPERVISOR = 'bare-metal';

/** What run.json's topology says for a run on the trace's own machines. */
export const TRACE_TOPOLOGY_LABEL = 'trace machines';

/**
 * The topology of `replay --topology trace`: the trace's machines (traces/trace-topology.ts) with
 * the reference host model's clock rate and power. The MHz per core is the one the reader sized
 * the VMs with (the trace option coreMhz, which load-scenario.ts sets to the reference's unless
 * the scenario sets it). A trace without machine data, or an unknown reference model, is the
 * flag's error.
 */
export function traceTopologyOf(scenario: ResolvedScenario, catalog: Catalog, workload: Workload | undefined): TraceTopology {
  const reference = lookup(catalog.hosts, scenario.traceTopology?.referenceModel ?? '', 'host model', { field: '--host-model' });
  if (!workload?.machines) {
    const what = workload ? `the ${workload.format} trace` : 'the trace';
    throw new InputError(`${what} describes no machines; --topology trace needs alibaba-2018 machine_meta, an alibaba-gpu-2023 node list or google-2011 machine_events`, {
      file: scenario.tracePath,
      field: '--topology',
    });
  }
  const hypervisor = scenario.spec.hypervisor ?? TRACE_DEFAULT_HYPERVISOR;
  lookup(catalog.hypervisors, hypervisor, 'hypervisor', scenario.hypervisorFromFlag ? { field: '--hypervisor' } : { file: scenario.file ?? '(flags)', field: 'hypervisor' });
  const coreMhz = scenario.spec.trace.options?.['coreMhz'];
  return traceTopology(workload.machines, reference, typeof coreMhz === 'number' ? coreMhz : reference.mhzPerCore, hypervisor);
}

/** The datacenter of traceTopologyOf: its generated host models join the catalog's. */
export function traceDatacenter(scenario: ResolvedScenario, catalog: Catalog, workload: Workload | undefined): Datacenter {
  const built = traceTopologyOf(scenario, catalog, workload);
  const hosts = new Map(catalog.hosts);
  for (const model of built.models) hosts.set(model.id, model);
  return buildDatacenter(built.topology, { ...catalog, hosts }, TRACE_TOPOLOGY_LABEL);
}
