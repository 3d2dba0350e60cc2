import type { Catalog } from '../../src/model/catalog.js';
import { buildDatacenter, type Datacenter } from '../../src/model/datacenter.js';
import type { HostModelSpec, HypervisorSpec, PowerSpec } from '../../src/model/specs.js';
import { WorkloadBuilder } from '../../src/traces/workload-builder.js';
import type { Workload } from '../../src/traces/workload.js';

export function hostModel(id: string, cores: number, mhzPerCore: number, memoryMiB: number, power: PowerSpec): HostModelSpec {
  return { id, name: id, cores, mhzPerCore, memoryMiB, gpus: 0, power, bootSeconds: 0, source: 'test' };
}

export function hypervisor(id: string, overrides: Partial<HypervisorSpec> = {}): HypervisorSpec {
  return { id, name: id, cpuOverheadFraction: 0, memoryOverheadMiB: 0, cpuOvercommit: 1, memoryOvercommit: 1, source: 'test', ...overrides };
}

/** A datacenter of `count` hosts of one model, on one rack. */
export function tinyDatacenter(model: HostModelSpec, count: number, hyp: HypervisorSpec = hypervisor('bare')): Datacenter {
  const catalog: Catalog = {
    dir: 'test',
    hosts: new Map([[model.id, model]]),
    hypervisors: new Map([[hyp.id, hyp]]),
    guests: new Map(),
    files: new Map(),
  };
  return buildDatacenter(
    { id: 'tiny', name: 'tiny', hypervisor: hyp.id, clusters: [{ id: 'c', racks: [{ id: 'r', hosts: [{ model: model.id, count }] }] }] },
    catalog,
    'tiny.json',
  );
}

export interface TinyVm {
  id: string;
  cores?: number;
  cpuCapacityMhz: number;
  memoryMiB?: number;
  /** [atSeconds, cpuMhz, memoryUsedMiB?] */
  samples: [number, number, number?][];
  endSeconds: number;
}

export function tinyWorkload(vms: TinyVm[]): Workload {
  const builder = new WorkloadBuilder({ format: 'test', sources: [], defaultIntervalMs: 300_000 });
  for (const vm of vms) {
    const index = builder.addVm(vm.id, { cores: vm.cores ?? 1, cpuCapacityMhz: vm.cpuCapacityMhz, memoryMiB: vm.memoryMiB ?? 1024 });
    for (const [at, cpu, memory] of vm.samples) builder.addSample(index, at * 1000, cpu, memory ?? vm.memoryMiB ?? 1024);
    builder.setEnd(index, vm.endSeconds * 1000);
  }
  return builder.build();
}
