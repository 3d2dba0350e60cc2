import { basename } from 'node:path';
import { InputError } from '../../common/input-error.js';
import { GrowableF64 } from '../growable-array.js';
import { RowFields, type RowPlace } from '../row-fields.js';
import { forEachLine } from '../text-lines.js';
import { findTable, pathKindOrNull } from '../trace-files.js';
import { resolveReadOptions, type ResolvedTraceReadOptions, type TraceReader, type TraceReadOptions } from '../trace-reader.js';
import type { Workload } from '../workload.js';
import { WorkloadBuilder } from '../workload-builder.js';

/** Azure Public Dataset V1 schema (AzurePublicDatasetV1 schema.csv); no header row. */
const VMTABLE_COLUMNS = ['vmid', 'subscriptionid', 'deploymentid', 'vmcreated', 'vmdeleted', 'maxcpu', 'avgcpu', 'p95maxcpu', 'vmcategory', 'vmcorecount', 'vmmemory'];
const READING_COLUMNS = ['timestamp', 'vmid', 'mincpu', 'maxcpu', 'avgcpu'];
const [CREATED, DELETED, AVG_CPU, CORES, MEMORY] = [3, 4, 6, 9, 10];
/** Readings are 5-minute aggregates. */
const INTERVAL_MS = 300_000;

export const azureReader: TraceReader = {
  format: 'azure',
  description: 'Azure Public Dataset V1: vmtable + vm_cpu_readings (CSV, gzip or plain)',
  async detect(path) {
    if ((await pathKindOrNull(path)) !== 'dir') return false;
    const tables = await locate(path).catch(() => null);
    return tables !== null && tables.vmtable.length > 0;
  },
  sourceFiles,
  async read(path: string, options: TraceReadOptions): Promise<Workload> {
    const resolved = resolveReadOptions(options);
    const { vmtable, readings } = await locate(path);
    if (vmtable.length === 0) throw new InputError('no vmtable file (vmtable.csv[.gz] or vmtable/*.csv[.gz])', { file: path });
    const builder = new WorkloadBuilder({ format: 'azure', sources: [...vmtable, ...readings], defaultIntervalMs: INTERVAL_MS, epoch: false });
    const table = new VmTable();
    for (const file of vmtable) await readVmTable(file, builder, table, resolved);
    if (builder.vmCount === 0) throw new InputError('vmtable has no rows (empty trace)', { file: vmtable[0]!, line: 1, field: 'vmid' });
    const lastAt = new Float64Array(builder.vmCount).fill(Number.NEGATIVE_INFINITY);
    for (const file of readings) await readReadings(file, builder, table, lastAt);
    finishVms(builder, table, lastAt);
    return builder.build();
  },
};

async function locate(path: string): Promise<{ vmtable: string[]; readings: string[] }> {
  for (const dir of [path, `${path}/trace`]) {
    if ((await pathKindOrNull(dir)) !== 'dir') continue;
    const vmtable = await findTable(dir, 'vmtable', ['.csv']);
    if (vmtable.length > 0) return { vmtable, readings: await findTable(dir, 'vm_cpu_readings', ['.csv']) };
  }
  return { vmtable: [], readings: [] };
}

async function sourceFiles(path: string): Promise<string[]> {
  const { vmtable, readings } = await locate(path);
  if (vmtable.length === 0) throw new InputError('no vmtable file (vmtable.csv[.gz] or vmtable/*.csv[.gz])', { file: path });
  return [...vmtable, ...readings];
}

/** What the readings pass needs from the vmtable, by VM index. */
class VmTable {
  readonly index = new Map<string, number>();
  readonly created = new GrowableF64(256);
  readonly deleted = new GrowableF64(256);
  readonly avgCpuPercent = new GrowableF64(256);
}

async function readVmTable(file: string, builder: WorkloadBuilder, table: VmTable, options: ResolvedTraceReadOptions): Promise<void> {
  const f = new RowFields();
  f.names = VMTABLE_COLUMNS;
  const place: RowPlace = { file, line: 0 };
  await forEachLine(file, (line, lineNo) => {
    place.line = lineNo;
    if (line.trim().length === 0) return;
    f.split(line, ',', place);
    if (lineNo === 1 && f.equals(0, 'vmid')) return;
    f.expectCount(VMTABLE_COLUMNS.length, place);
    const id = f.required(0, place);
    if (table.index.has(id)) throw new InputError(`VM ${id} appears twice in the vmtable`, { ...place, field: 'vmid' });
    const created = f.nonNegativeInt(CREATED, place) * 1000;
    const deleted = f.nonNegativeInt(DELETED, place) * 1000;
    if (deleted < created) throw new InputError('vmdeleted is before vmcreated', { ...place, field: 'vmdeleted' });
    const avgCpu = f.nonNegative(AVG_CPU, place);
    const cores = bucketed(f, CORES, place, builder, options.azureCoresAboveBucket, 'cores');
    const memoryGiB = bucketed(f, MEMORY, place, builder, options.azureMemoryAboveBucketGiB, 'memory');
    const vm = builder.addVm(id, { cores, cpuCapacityMhz: cores * options.coreMhz, memoryMiB: memoryGiB * 1024 });
    table.index.set(id, vm);
    table.created.push(created);
    table.deleted.push(deleted);
    table.avgCpuPercent.push(avgCpu);
  });
}

/** A number, or a `>N` bucket mapped to the option or to the next power of two above N. */
function bucketed(f: RowFields, i: number, place: RowPlace, builder: WorkloadBuilder, override: number | undefined, what: string): number {
  const start = f.starts[i]!;
  if (f.line.charCodeAt(start) !== 62) return f.nonNegative(i, place);
  f.starts[i] = start + 1;
  const bound = f.nonNegative(i, place);
  f.starts[i] = start;
  const value = override ?? nextPowerOfTwoAbove(bound);
  builder.warn(`bucket-${what}`, `a bucketed ${f.name(i)} ">${bound}" is read as ${value} (next power of two above the bound unless set by option; e.g. ${basename(place.file)} line ${place.line})`);
  return value;
}

function nextPowerOfTwoAbove(value: number): number {
  let power = 1;
  while (power <= value) power *= 2;
  return power;
}

async function readReadings(file: string, builder: WorkloadBuilder, table: VmTable, lastAt: Float64Array): Promise<void> {
  const f = new RowFields();
  f.names = READING_COLUMNS;
  const place: RowPlace = { file, line: 0 };
  let unknown = 0;
  await forEachLine(file, (line, lineNo) => {
    place.line = lineNo;
    if (line.trim().length === 0) return;
    f.splitNumeric(line, 44, place);
    if (lineNo === 1 && f.equals(0, 'timestamp')) return;
    f.expectCount(READING_COLUMNS.length, place);
    const atMs = f.nonNegativeInt(0, place) * 1000;
    const vm = table.index.get(f.required(1, place));
    f.nonNegative(2, place);
    f.nonNegative(3, place);
    const avgPercent = f.nonNegative(4, place);
    if (vm === undefined) {
      unknown++;
      return;
    }
    if (atMs <= lastAt[vm]!) {
      throw new InputError(`timestamp ${atMs / 1000} is not after VM ${f.str(1)}'s previous reading; readings must strictly increase per VM`, { ...place, field: 'timestamp' });
    }
    lastAt[vm] = atMs;
    const size = builder.size(vm);
    builder.addSampleIo(vm, atMs, (avgPercent / 100) * size.cpuCapacityMhz, size.memoryMiB, 0, 0, 0, 0);
  });
  if (unknown > 0) builder.warn('reading-unknown-vm', `CPU readings of VMs missing from the vmtable are dropped (e.g. ${basename(file)})`, unknown);
}

/** VMs without readings get their vmtable avgcpu for their whole life; ends are vmdeleted. */
function finishVms(builder: WorkloadBuilder, table: VmTable, lastAt: Float64Array): void {
  let withoutReadings = 0;
  for (let vm = 0; vm < builder.vmCount; vm++) {
    const created = table.created.data[vm]!;
    const deleted = table.deleted.data[vm]!;
    if (builder.vmSampleCount(vm) === 0) {
      withoutReadings++;
      const size = builder.size(vm);
      builder.addSampleIo(vm, created, (table.avgCpuPercent.data[vm]! / 100) * size.cpuCapacityMhz, size.memoryMiB, 0, 0, 0, 0);
      builder.setEnd(vm, Math.max(deleted, created));
    } else {
      builder.setEnd(vm, Math.max(deleted, lastAt[vm]! + INTERVAL_MS));
    }
  }
  if (withoutReadings > 0) {
    builder.warn('vm-without-readings', "a VM without CPU readings demands its vmtable avgcpu from vmcreated to vmdeleted", withoutReadings);
  }
}
