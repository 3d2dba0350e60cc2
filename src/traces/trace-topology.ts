import { InputError } from '../common/input-error.js';
import type { HostModelSpec, TopologySpec } from '../model/specs.js';
import type { TraceMachines } from './workload.js';

/**
 * The datacenter a trace describes (`replay --topology trace`): one host per machine of the
 * trace, in the trace's machine order, with the trace's cores, memory and GPUs. Traces give no
 * clock rate and no power curve, so both come from a reference host model (a catalog model):
 * a core runs at `mhzPerCore` (the same MHz per core the reader sized the VMs with, so a VM the
 * size of its machine fits it), and a host draws the reference model's power scaled by its core
 * count over the reference's. Machines of one size share a generated host model
 * (`trace-size-1`, ...); runs of equal sizes become one host group. Machines without cores or
 * memory are left out and counted. Pure.
 */
export interface TraceTopology {
  topology: TopologySpec;
  /** Generated host models, by id, for the catalog the datacenter is built with. */
  models: HostModelSpec[];
  /** Hosts built (machines with cores and memory). */
  hosts: number;
  /** Machines left out for want of cores or memory. */
  skipped: number;
  /** The assumption in words, for the run's verdict and report. */
  assumption: string;
}

/** The rack (and host id prefix) of a trace topology: hosts are trace-0001, trace-0002, ... */
export const TRACE_RACK_ID = 'trace';

export function traceTopology(machines: TraceMachines, reference: HostModelSpec, mhzPerCore: number, hypervisor: string): TraceTopology {
  const models: HostModelSpec[] = [];
  const modelOf = new Map<string, string>();
  const groups: { model: string; count: number }[] = [];
  let skipped = 0;
  for (let m = 0; m < machines.ids.length; m++) {
    const cores = machines.cores[m]!;
    const memoryMiB = machines.memoryMiB[m]!;
    const gpus = machines.gpus[m]!;
    if (!(cores > 0) || !(memoryMiB > 0)) {
      skipped++;
      continue;
    }
    const key = `${cores}/${memoryMiB}/${gpus}`;
    let id = modelOf.get(key);
    if (id === undefined) {
      id = `trace-size-${models.length + 1}`;
      modelOf.set(key, id);
      models.push(sizedModel(id, cores, memoryMiB, gpus, reference, mhzPerCore));
    }
    const last = groups[groups.length - 1];
    if (last && last.model === id) last.count++;
    else groups.push({ model: id, count: 1 });
  }
  const hosts = machines.ids.length - skipped;
  if (hosts === 0) throw new InputError(`none of the trace's ${machines.ids.length} machines has both cores and memory, so it describes no hosts`, { field: '--topology' });
  const topology: TopologySpec = {
    id: 'trace',
    name: `${hosts} machines of the trace`,
    hypervisor,
    clusters: [{ id: 'trace-cluster', racks: [{ id: TRACE_RACK_ID, hosts: groups }] }],
  };
  const left = skipped > 0 ? `; ${skipped} machines without cores or memory left out` : '';
  const assumption =
    `hosts from the trace (${hosts} machines, ${models.length} ${models.length === 1 ? 'size' : 'sizes'}${left}, hypervisor ${hypervisor}); ` +
    `power and MHz assumed from ${reference.id}: ${mhzPerCore} MHz per core, its power curve scaled by each host's cores over its ${reference.cores}.`;
  return { topology, models, hosts, skipped, assumption };
}

function sizedModel(id: string, cores: number, memoryMiB: number, gpus: number, reference: HostModelSpec, mhzPerCore: number): HostModelSpec {
  const k = cores / reference.cores;
  const power: HostModelSpec['power'] =
    reference.power.kind === 'linear'
      ? { kind: 'linear', idleW: reference.power.idleW * k, maxW: reference.power.maxW * k }
      : { kind: 'table', wattsAtLoad: reference.power.wattsAtLoad.map((w) => w * k) };
  return {
    id,
    name: `${cores} cores, ${Math.round(memoryMiB)} MiB${gpus > 0 ? `, ${gpus} GPUs` : ''} (a machine size of the trace)`,
    cores,
    mhzPerCore,
    memoryMiB,
    gpus,
    power,
    bootSeconds: reference.bootSeconds,
    ...(reference.bootPowerW !== undefined ? { bootPowerW: reference.bootPowerW * k } : {}),
    source: `Sizes from the trace; clock rate and power assumed from ${reference.id} (power scaled by cores, x${+k.toFixed(4)}).`,
  };
}
