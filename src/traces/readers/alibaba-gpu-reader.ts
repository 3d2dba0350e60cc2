import { basename, dirname } from 'node:path';
import { InputError } from '../../common/input-error.js';
import { GrowableF64 } from '../growable-array.js';
import { RowFields, type RowPlace } from '../row-fields.js';
import { forEachLine, readHeadLines } from '../text-lines.js';
import { listFiles, pathKindOrNull, stemOf } from '../trace-files.js';
import { resolveReadOptions, type TraceReader, type TraceReadOptions } from '../trace-reader.js';
import type { TraceMachines, Workload } from '../workload.js';
import { WorkloadBuilder } from '../workload-builder.js';

/** cluster-trace-gpu-v2023 headers (alibaba/clusterdata, csv/). */
const NODE_COLUMNS = ['sn', 'cpu_milli', 'memory_mib', 'gpu', 'model'];
const POD_COLUMNS = ['name', 'cpu_milli', 'memory_mib', 'num_gpu', 'gpu_milli', 'gpu_spec', 'qos', 'pod_phase', 'creation_time', 'deletion_time', 'scheduled_time'];
const DEFAULT_POD_LIST = 'openb_pod_list_default.csv';

export const alibabaGpuReader: TraceReader = {
  format: 'alibaba-gpu-2023',
  description: 'Alibaba cluster-trace-gpu-v2023: node list (machines with GPUs) + pod list (requests, creation/deletion times)',
  async detect(path) {
    return (await locate(path).catch(() => null)) !== null;
  },
  /** The node list and every pod list the path offers (the option picks one of them). */
  async sourceFiles(path) {
    const found = await locateOrFail(path);
    return [found.nodes, ...found.pods];
  },
  async read(path: string, options: TraceReadOptions): Promise<Workload> {
    const resolved = resolveReadOptions(options);
    const found = await locateOrFail(path);
    const podFile = choosePodList(path, found, resolved.gpuPodList);
    const builder = new WorkloadBuilder({ format: 'alibaba-gpu-2023', sources: [found.nodes, podFile], defaultIntervalMs: 0, epoch: false });
    builder.setMachines(await readNodes(found.nodes));
    await readPods(podFile, builder, resolved.coreMhz);
    return builder.build();
  },
};

interface Found {
  dir: string;
  nodes: string;
  /** Pod lists: the given file, or every pod list in the folder. */
  pods: string[];
}

async function locateOrFail(path: string): Promise<Found> {
  const found = await locate(path);
  if (!found) {
    throw new InputError('expected a folder with a node list (header sn,cpu_milli,memory_mib,gpu,model) and a pod list (header name,cpu_milli,memory_mib,num_gpu,...)', { file: path });
  }
  return found;
}

/** The path may be the folder or a pod list file in it; files are recognized by their headers. */
async function locate(path: string): Promise<Found | null> {
  const kind = await pathKindOrNull(path);
  if (kind === null) return null;
  const dir = kind === 'dir' ? path : dirname(path);
  const files = await listFiles(dir);
  const withHeader = async (nameHint: string, columns: string[]): Promise<string[]> => {
    const out: string[] = [];
    for (const file of files) if (stemOf(file, '').includes(nameHint) && (await hasHeader(file, columns))) out.push(file);
    return out;
  };
  const nodes = await withHeader('node', NODE_COLUMNS);
  if (nodes.length === 0) return null;
  const pods = kind === 'file' ? ((await hasHeader(path, POD_COLUMNS)) ? [path] : []) : await withHeader('pod', POD_COLUMNS);
  return pods.length > 0 ? { dir, nodes: nodes[0]!, pods } : null;
}

/** The option's pod list, else the default one, else the only one. */
function choosePodList(path: string, found: Found, option: string | undefined): string {
  if (option) {
    const chosen = found.pods.find((file) => basename(file) === option || stemOf(file, '') === option);
    if (!chosen) throw new InputError(`pod list "${option}" not found (pod lists: ${found.pods.map((p) => basename(p)).join(', ')})`, { file: path, field: 'gpuPodList' });
    return chosen;
  }
  const chosen = found.pods.find((file) => stemOf(file, '') === DEFAULT_POD_LIST) ?? (found.pods.length === 1 ? found.pods[0] : undefined);
  if (!chosen) throw new InputError(`several pod lists (${found.pods.map((p) => basename(p)).join(', ')}); pass one file or the gpuPodList option`, { file: path, field: 'gpuPodList' });
  return chosen;
}

async function hasHeader(file: string, columns: string[]): Promise<boolean> {
  const [header] = await readHeadLines(file, 1, 4096);
  return header !== undefined && header.trim().toLowerCase().startsWith(columns.join(','));
}

async function readNodes(file: string): Promise<TraceMachines> {
  const f = new RowFields();
  f.names = NODE_COLUMNS;
  const place: RowPlace = { file, line: 0 };
  const ids: string[] = [];
  const models: string[] = [];
  const cores = new GrowableF64(2048);
  const memory = new GrowableF64(2048);
  const gpus = new GrowableF64(2048);
  await forEachLine(file, (line, lineNo) => {
    place.line = lineNo;
    if (lineNo === 1 || line.trim().length === 0) return;
    f.split(line, ',', place);
    f.expectCount(NODE_COLUMNS.length, place);
    ids.push(f.required(0, place));
    cores.push(f.nonNegative(1, place) / 1000);
    memory.push(f.nonNegative(2, place));
    gpus.push(f.nonNegativeInt(3, place));
    models.push(f.str(4));
  });
  if (ids.length === 0) throw new InputError('no nodes (empty node list)', { file, line: 2, field: 'sn' });
  return { ids, cores: cores.trimmed(), memoryMiB: memory.trimmed(), gpus: gpus.trimmed(), gpuModels: models };
}

/** One VM per pod: its request from creation to deletion (demand = request). */
async function readPods(file: string, builder: WorkloadBuilder, coreMhz: number): Promise<void> {
  const f = new RowFields();
  f.names = POD_COLUMNS;
  const place: RowPlace = { file, line: 0 };
  const open: number[] = [];
  let latest = 0;
  await forEachLine(file, (line, lineNo) => {
    place.line = lineNo;
    if (lineNo === 1 || line.trim().length === 0) return;
    f.splitNumeric(line, 44, place);
    f.expectCount(POD_COLUMNS.length, place);
    const id = f.required(0, place);
    const cores = f.nonNegative(1, place) / 1000;
    const memoryMiB = f.nonNegative(2, place);
    const gpus = (f.nonNegative(3, place) * f.optionalNonNegative(4, place, 0)) / 1000;
    const createdMs = f.nonNegative(8, place) * 1000;
    f.optionalNonNegative(10, place, 0);
    const vm = builder.addVm(id, { cores, cpuCapacityMhz: cores * coreMhz, memoryMiB, gpus });
    builder.addSampleIo(vm, createdMs, cores * coreMhz, memoryMiB, 0, 0, 0, 0);
    latest = Math.max(latest, createdMs);
    if (f.isEmpty(9)) {
      open.push(vm);
      return;
    }
    const deletedMs = f.nonNegative(9, place) * 1000;
    if (deletedMs < createdMs) throw new InputError('deletion_time is before creation_time', { ...place, field: 'deletion_time' });
    if (deletedMs === createdMs) builder.warn('zero-duration', `a pod deleted when created is kept as a VM that leaves when it arrives (e.g. line ${lineNo})`);
    latest = Math.max(latest, deletedMs);
    builder.setEnd(vm, deletedMs);
  });
  if (builder.vmCount === 0) throw new InputError('no pods (empty pod list)', { file, line: 2, field: 'name' });
  for (const vm of open) builder.setEnd(vm, latest);
  if (open.length > 0) builder.warn('open-pod', 'a pod without deletion_time runs until the last time in the pod list', open.length);
}
