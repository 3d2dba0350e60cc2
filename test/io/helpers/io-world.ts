import type { RunInputs, RunResult } from '../../../src/metrics/run-result.js';
import { accountIo, type IoAccounting, type IoAccountingOptions } from '../../../src/simulation/io-replay/io-accounting.js';
import { summarizeRun } from '../../../src/metrics/summarize-run.js';
import type { RunRecord } from '../../../src/simulation/run-record.js';
import type { Datacenter } from '../../../src/model/datacenter.js';
import type { HostModelSpec } from '../../../src/model/specs.js';
import { placementPolicy } from '../../../src/placement/registry.js';
import type { IoSettings } from '../../../src/scheduling/io-sharing.js';
import { sharingRules, type ElasticSettings } from '../../../src/simulation/sharing-rules.js';
import { simulate, type SimulationSettings } from '../../../src/simulation/simulate.js';
import { WorkloadBuilder } from '../../../src/traces/workload-builder.js';
import type { Workload } from '../../../src/traces/workload.js';
import { hostModel } from '../../helpers/tiny-world.js';

/** A host model with disk (MB/s) and NIC (Gbit/s) bandwidth; 100..200 W linear. */
export function ioHostModel(id: string, cores: number, mhzPerCore: number, memoryMiB: number, diskMBps?: number, nicGbps?: number): HostModelSpec {
  const model = hostModel(id, cores, mhzPerCore, memoryMiB, { kind: 'linear', idleW: 100, maxW: 200 });
  return { ...model, ...(diskMBps !== undefined ? { diskMBps } : {}), ...(nicGbps !== undefined ? { nicGbps } : {}) };
}

export interface IoVm {
  id: string;
  cpuCapacityMhz: number;
  memoryMiB?: number;
  /** [atSeconds, cpuMhz, diskReadKBps, diskWriteKBps, netRxKBps, netTxKBps] */
  samples: [number, number, number, number, number, number][];
  endSeconds: number;
}

/** A workload with I/O columns (withIo); `io: false` builds the same VMs without them. */
export function ioWorkload(vms: IoVm[], io = true): Workload {
  const builder = new WorkloadBuilder({ format: 'test', sources: [], defaultIntervalMs: 300_000, withIo: io });
  for (const vm of vms) {
    const index = builder.addVm(vm.id, { cores: 1, cpuCapacityMhz: vm.cpuCapacityMhz, memoryMiB: vm.memoryMiB ?? 1024 });
    for (const [at, cpu, r, w, rx, tx] of vm.samples) builder.addSampleIo(index, at * 1000, cpu, vm.memoryMiB ?? 1024, r, w, rx, tx);
    builder.setEnd(index, vm.endSeconds * 1000);
  }
  return builder.build();
}

const FIXED: ElasticSettings = { minFraction: 0, maxFraction: 1, burstWeight: 'size', memoryMinFraction: 1, memoryMaxFraction: 1 };

/** Simulates with a placement policy (fixed sharing, hosts always on) and returns the record. */
export function run(workload: Workload, dc: Datacenter, policy = 'first-fit', extra: Partial<SimulationSettings> = {}): RunRecord {
  return simulate(workload, dc, {
    rules: sharingRules(workload, 'fixed', FIXED),
    policy: placementPolicy(policy),
    initialBatchMs: 300_000,
    reportIntervalMs: 300_000,
    ...extra,
  });
}

export function accounted(workload: Workload, dc: Datacenter, record: RunRecord, settings?: IoSettings, options?: IoAccountingOptions): { io: IoAccounting; result: RunResult } {
  const io = accountIo(workload, dc, record, settings, options);
  return { io, result: summarizeRun(record, {} as RunInputs, io) };
}

export const MS_PER_HOUR = 3_600_000;
