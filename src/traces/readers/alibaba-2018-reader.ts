import { basename } from 'node:path';
import { InputError } from '../../common/input-error.js';
import { GrowableF64 } from '../growable-array.js';
import { RowFields, type RowPlace } from '../row-fields.js';
import { forEachLine } from '../text-lines.js';
import { findTable, naturalCompare, pathKindOrNull } from '../trace-files.js';
import { resolveReadOptions, type ResolvedTraceReadOptions, type TraceReader, type TraceReadOptions } from '../trace-reader.js';
import type { TraceMachines, Workload } from '../workload.js';
import { WorkloadBuilder } from '../workload-builder.js';

/** cluster-trace-v2018 schema.txt; files have no header row. */
const MACHINE_META = ['machine_id', 'time_stamp', 'failure_domain_1', 'failure_domain_2', 'cpu_num', 'mem_size', 'status'];
const MACHINE_USAGE = ['machine_id', 'time_stamp', 'cpu_util_percent', 'mem_util_percent', 'mem_gps', 'mkpi', 'net_in', 'net_out', 'disk_io_percent'];
const CONTAINER_META = ['container_id', 'machine_id', 'time_stamp', 'app_du', 'status', 'cpu_request', 'cpu_limit', 'mem_size'];
const CONTAINER_USAGE = ['container_id', 'machine_id', 'time_stamp', 'cpu_util_percent', 'mem_util_percent', 'cpi', 'mem_gps', 'mpki', 'net_in', 'net_out', 'disk_io_percent'];
/** Last-sample length for a VM with one sample; usage is sampled every 10-60 s. */
const DEFAULT_INTERVAL_MS = 60_000;

interface Tables {
  machineMeta: string[];
  machineUsage: string[];
  containerMeta: string[];
  containerUsage: string[];
}

export const alibaba2018Reader: TraceReader = {
  format: 'alibaba-2018',
  description: 'Alibaba cluster-trace-v2018: machine_meta + machine_usage (+ container_meta/usage), headerless CSV',
  async detect(path) {
    if ((await pathKindOrNull(path)) !== 'dir') return false;
    const tables = await locate(path).catch(() => null);
    return tables !== null && tables.machineMeta.length > 0;
  },
  async sourceFiles(path) {
    const t = await locateOrFail(path);
    return [...t.machineMeta, ...t.machineUsage, ...t.containerMeta, ...t.containerUsage];
  },
  async read(path: string, options: TraceReadOptions): Promise<Workload> {
    const resolved = resolveReadOptions(options);
    const t = await locateOrFail(path);
    const containers = resolved.alibabaEntities === 'containers' || (resolved.alibabaEntities === 'auto' && t.containerMeta.length > 0);
    if (containers && t.containerMeta.length === 0) throw new InputError('alibabaEntities is "containers" but there is no container_meta file', { file: path, field: 'alibabaEntities' });
    const sources = containers ? [...t.machineMeta, ...t.containerMeta, ...t.containerUsage] : [...t.machineMeta, ...t.machineUsage];
    const builder = new WorkloadBuilder({ format: 'alibaba-2018', sources, defaultIntervalMs: DEFAULT_INTERVAL_MS, epoch: false });
    const machines = await readMachineMeta(t.machineMeta, resolved);
    builder.setMachines(machines);
    if (containers) {
      const requests = await readContainerMeta(t.containerMeta, builder, resolved);
      for (const file of t.containerUsage) await readUsage(file, CONTAINER_USAGE, 2, builder, requests.lookup);
      requests.finish(builder);
    } else {
      const index = new Map(machines.ids.map((id, i) => [id, i]));
      const vmOf = new Map<string, number>();
      const lookup = (id: string): number | undefined => {
        let vm = vmOf.get(id);
        const m = index.get(id);
        if (vm === undefined && m !== undefined) {
          vm = builder.addVm(id, { cores: machines.cores[m]!, cpuCapacityMhz: machines.cores[m]! * resolved.coreMhz, memoryMiB: machines.memoryMiB[m]! });
          vmOf.set(id, vm);
        }
        return vm;
      };
      for (const file of t.machineUsage) await readUsage(file, MACHINE_USAGE, 1, builder, lookup);
      if (builder.vmCount === 0) throw new InputError('no machine_usage rows (empty trace)', { file: t.machineUsage[0] ?? path, field: 'machine_id' });
    }
    return builder.build();
  },
};

async function locate(dir: string): Promise<Tables> {
  return {
    machineMeta: await findTable(dir, 'machine_meta', ['.csv']),
    machineUsage: await findTable(dir, 'machine_usage', ['.csv']),
    containerMeta: await findTable(dir, 'container_meta', ['.csv']),
    containerUsage: await findTable(dir, 'container_usage', ['.csv']),
  };
}

async function locateOrFail(path: string): Promise<Tables> {
  if ((await pathKindOrNull(path)) !== 'dir') throw new InputError('alibaba-2018 expects the folder holding machine_meta.csv', { file: path });
  const t = await locate(path);
  if (t.machineMeta.length === 0) throw new InputError('no machine_meta.csv[.gz] in the folder', { file: path });
  return t;
}

/** Machines in natural id order; size = the maximum over a machine's rows. */
async function readMachineMeta(files: string[], options: ResolvedTraceReadOptions): Promise<TraceMachines> {
  const sizes = new Map<string, { cores: number; memory: number }>();
  const f = new RowFields();
  f.names = MACHINE_META;
  for (const file of files) {
    const place: RowPlace = { file, line: 0 };
    await forEachLine(file, (line, lineNo) => {
      place.line = lineNo;
      if (line.trim().length === 0) return;
      f.split(line, ',', place);
      f.expectCount(MACHINE_META.length, place);
      const id = f.required(0, place);
      f.nonNegative(1, place);
      const cores = f.optionalNonNegative(4, place, 0);
      const memory = (f.optionalNonNegative(5, place, 0) / 100) * options.alibabaMemoryMiB;
      const size = sizes.get(id);
      if (!size) sizes.set(id, { cores, memory });
      else {
        size.cores = Math.max(size.cores, cores);
        size.memory = Math.max(size.memory, memory);
      }
    });
  }
  if (sizes.size === 0) throw new InputError('machine_meta has no rows (empty trace)', { file: files[0]!, line: 1, field: 'machine_id' });
  const ids = [...sizes.keys()].sort(naturalCompare);
  return {
    ids,
    cores: Float64Array.from(ids, (id) => sizes.get(id)!.cores),
    memoryMiB: Float64Array.from(ids, (id) => sizes.get(id)!.memory),
    gpus: new Float64Array(ids.length),
  };
}

/**
 * Usage rows (machine or container): demand = cpu_util_percent of the entity's CPU, memory =
 * mem_util_percent of its memory. `timeColumn` is 1 for machines, 2 for containers.
 */
async function readUsage(file: string, columns: string[], timeColumn: number, builder: WorkloadBuilder, lookup: (id: string) => number | undefined): Promise<void> {
  const f = new RowFields();
  f.names = columns;
  const place: RowPlace = { file, line: 0 };
  const lastAt = new GrowableF64(1024);
  let unknown = 0;
  let missing = 0;
  let previousId = '\n'; // matches no field
  let previousVm: number | undefined;
  await forEachLine(file, (line, lineNo) => {
    place.line = lineNo;
    if (line.trim().length === 0) return;
    f.splitNumeric(line, 44, place);
    f.expectCount(columns.length, place);
    // Rows come grouped by entity: reuse the previous row's lookup while the id repeats.
    if (!f.equals(0, previousId)) {
      previousId = f.required(0, place);
      previousVm = lookup(previousId);
    }
    const vm = previousVm;
    const atMs = f.nonNegative(timeColumn, place) * 1000;
    const cpuPercent = f.nonNegative(timeColumn + 1, place);
    const memPercent = f.nonNegative(timeColumn + 2, place);
    for (let i = timeColumn + 3; i < columns.length; i++) {
      // Unused metrics; the real files use empty or -1 for "not measured".
      if (f.isEmpty(i)) continue;
      if (f.num(i) === -1) missing++;
      else f.nonNegative(i, place);
    }
    if (vm === undefined) {
      unknown++;
      return;
    }
    while (lastAt.length <= vm) lastAt.push(Number.NEGATIVE_INFINITY);
    if (atMs <= lastAt.data[vm]!) {
      const how = atMs === lastAt.data[vm] ? 'repeats' : 'is earlier than';
      throw new InputError(`time_stamp ${f.str(timeColumn)} ${how} the previous row of ${f.str(0)}; rows must strictly increase in time per ${columns[0]}`, { ...place, field: 'time_stamp' });
    }
    lastAt.data[vm] = atMs;
    const size = builder.size(vm);
    builder.addSampleIo(vm, atMs, (cpuPercent / 100) * size.cpuCapacityMhz, (memPercent / 100) * size.memoryMiB, 0, 0, 0, 0);
  });
  if (missing > 0) builder.warn('missing-metric', `-1 in an unused usage metric (e.g. disk_io_percent) means "not measured" and is ignored (e.g. ${basename(file)})`, missing);
  if (unknown > 0) builder.warn('usage-unknown-entity', `usage rows of a ${columns[0]} missing from the meta table are dropped (e.g. ${basename(file)})`, unknown);
}

/** Containers as VMs, sized by their maximum request; returns the id lookup for usage rows. */
async function readContainerMeta(files: string[], builder: WorkloadBuilder, options: ResolvedTraceReadOptions) {
  const index = new Map<string, number>();
  const first = new GrowableF64(1024);
  const last = new GrowableF64(1024);
  const f = new RowFields();
  f.names = CONTAINER_META;
  for (const file of files) {
    const place: RowPlace = { file, line: 0 };
    await forEachLine(file, (line, lineNo) => {
      place.line = lineNo;
      if (line.trim().length === 0) return;
      f.split(line, ',', place);
      f.expectCount(CONTAINER_META.length, place);
      const id = f.required(0, place);
      const atMs = f.nonNegative(2, place) * 1000;
      const cores = f.optionalNonNegative(5, place, 0) / 100;
      f.optionalNonNegative(6, place, 0);
      const memory = (f.optionalNonNegative(7, place, 0) / 100) * options.alibabaMemoryMiB;
      let vm = index.get(id);
      if (vm === undefined) {
        vm = builder.addVm(id, { cores, cpuCapacityMhz: cores * options.coreMhz, memoryMiB: memory });
        index.set(id, vm);
        first.push(atMs);
        last.push(atMs);
        return;
      }
      const size = builder.size(vm);
      if (cores > size.cores || memory > size.memoryMiB) {
        const c = Math.max(cores, size.cores);
        builder.setSize(vm, { cores: c, cpuCapacityMhz: c * options.coreMhz, memoryMiB: Math.max(memory, size.memoryMiB) });
      }
      first.data[vm] = Math.min(first.data[vm]!, atMs);
      last.data[vm] = Math.max(last.data[vm]!, atMs);
    });
  }
  if (index.size === 0) throw new InputError('container_meta has no rows (empty trace)', { file: files[0]!, line: 1, field: 'container_id' });
  return {
    lookup: (id: string) => index.get(id),
    /** Containers without usage rows demand their request from first to last meta row. */
    finish(b: WorkloadBuilder): void {
      let without = 0;
      for (let vm = 0; vm < b.vmCount; vm++) {
        if (b.vmSampleCount(vm) > 0) continue;
        without++;
        const size = b.size(vm);
        b.addSampleIo(vm, first.data[vm]!, size.cpuCapacityMhz, size.memoryMiB, 0, 0, 0, 0);
        if (last.data[vm]! > first.data[vm]!) b.setEnd(vm, last.data[vm]!);
      }
      if (without > 0) b.warn('container-without-usage', 'a container without usage rows demands its request from its first to its last container_meta row', without);
    },
  };
}
