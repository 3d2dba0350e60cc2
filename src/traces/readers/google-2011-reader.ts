import { basename } from 'node:path';
import { InputError } from '../../common/input-error.js';
import { RowFields, type RowPlace } from '../row-fields.js';
import { forEachLine, readHeadLines } from '../text-lines.js';
import { hasExtension, listFiles, pathKindOrNull } from '../trace-files.js';
import { resolveReadOptions, type ResolvedTraceReadOptions, type TraceReader, type TraceReadOptions } from '../trace-reader.js';
import type { Workload } from '../workload.js';
import { WorkloadBuilder } from '../workload-builder.js';
import { GoogleRuns } from './google-runs.js';
import { readGoogleMachineEvents } from './google-machines.js';

/** clusterdata-2011-2 schema (Reiss, Wilkes, Hellerstein 2011); no header rows. */
export const TASK_EVENT_COLUMNS = [
  'timestamp', 'missing_info', 'job_id', 'task_index', 'machine_id', 'event_type', 'user', 'scheduling_class',
  'priority', 'cpu_request', 'memory_request', 'disk_request', 'different_machines',
];
export const TASK_USAGE_COLUMNS = [
  'start_time', 'end_time', 'job_id', 'task_index', 'machine_id', 'cpu_rate', 'canonical_memory_usage',
  'assigned_memory_usage', 'unmapped_page_cache', 'total_page_cache', 'max_memory_usage', 'disk_io_time',
  'local_disk_space_usage', 'max_cpu_rate', 'max_disk_io_time', 'cpi', 'mai', 'sample_portion',
  'aggregation_type', 'sampled_cpu_usage',
];
const [TIME, , JOB, TASK, , EVENT, , , , CPU_REQ, MEM_REQ] = TASK_EVENT_COLUMNS.map((_, i) => i);
/** Times at or above 2^62 us are the trace's "after the window" marker (2^63 - 1). */
const END_MARKER_US = 2 ** 62;

export const google2011Reader: TraceReader = {
  format: 'google-2011',
  description: 'Google clusterdata-2011-2: task_events (+ task_usage, + machine_events), headerless CSV shards, times in microseconds',
  async detect(path) {
    const files = await locate(path).catch(() => null);
    if (!files || files.events.length === 0) return false;
    const [line] = await readHeadLines(files.events[0]!, 1);
    return line !== undefined && isTaskEventLine(line);
  },
  async sourceFiles(path) {
    const files = await locateOrFail(path);
    return [...files.events, ...files.usage, ...files.machines];
  },
  async read(path: string, options: TraceReadOptions): Promise<Workload> {
    const resolved = resolveReadOptions(options);
    const files = await locateOrFail(path);
    const builder = new WorkloadBuilder({
      format: 'google-2011',
      sources: [...files.events, ...files.usage, ...files.machines],
      defaultIntervalMs: 300_000,
      epoch: false,
    });
    const runs = new GoogleRuns(builder, resolved, files.usage.length === 0);
    for (const file of files.events) await readTaskEvents(file, runs, resolved);
    runs.closeOpenRuns();
    if (builder.vmCount === 0) throw new InputError('no task ran in these events (empty trace)', { file: files.events[0]!, field: 'event_type' });
    for (const file of files.usage) await readTaskUsage(file, runs);
    runs.finish();
    if (files.machines.length > 0) builder.setMachines(await readGoogleMachineEvents(files.machines, resolved.googleMachineScale));
    return builder.build();
  },
};

function isTaskEventLine(line: string): boolean {
  const parts = line.split(',');
  return parts.length === TASK_EVENT_COLUMNS.length && /^\d+$/.test(parts[0]!) && /^[0-8]$/.test(parts[EVENT]!);
}

interface GoogleFiles {
  events: string[];
  usage: string[];
  /** machine_events shards: the machines, for `replay --topology trace`. */
  machines: string[];
}

async function locate(path: string): Promise<GoogleFiles> {
  const kind = await pathKindOrNull(path);
  if (kind === 'file') return { events: [path], usage: [], machines: [] };
  if (kind !== 'dir') return { events: [], usage: [], machines: [] };
  const shards = async (dir: string) => ((await pathKindOrNull(dir)) === 'dir' ? (await listFiles(dir)).filter((f) => hasExtension(f, '.csv')) : []);
  return { events: await shards(`${path}/task_events`), usage: await shards(`${path}/task_usage`), machines: await shards(`${path}/machine_events`) };
}

async function locateOrFail(path: string): Promise<GoogleFiles> {
  const files = await locate(path);
  if (files.events.length === 0) throw new InputError('expected a task_events file or a folder with task_events/ (and optional task_usage/)', { file: path });
  return files;
}

async function readTaskEvents(file: string, runs: GoogleRuns, options: ResolvedTraceReadOptions): Promise<void> {
  const f = new RowFields();
  f.names = TASK_EVENT_COLUMNS;
  const place: RowPlace = { file, line: 0 };
  const scale = options.googleMachineScale;
  let previous = Number.NEGATIVE_INFINITY;
  let rows = 0;
  await forEachLine(file, (line, lineNo) => {
    place.line = lineNo;
    if (line.trim().length === 0) return;
    f.splitNumeric(line, 44, place);
    f.expectCount(TASK_EVENT_COLUMNS.length, place);
    rows++;
    const us = f.nonNegativeInt(TIME, place);
    if (us < previous) throw new InputError(`timestamp ${f.str(TIME)} is earlier than the previous event's; task_events must be sorted by time`, { ...place, field: 'timestamp' });
    previous = us;
    const key = `${f.nonNegativeInt(JOB, place)}-${f.nonNegativeInt(TASK, place)}`;
    const type = f.nonNegativeInt(EVENT, place);
    if (type > 8) throw new InputError(`unknown event type ${type} (valid: 0-8)`, { ...place, field: 'event_type' });
    const cpuCores = f.optionalNonNegative(CPU_REQ, place, Number.NaN) * scale.cores;
    const memoryMiB = f.optionalNonNegative(MEM_REQ, place, Number.NaN) * scale.memoryMiB;
    if (us >= END_MARKER_US) {
      runs.warn('after-window', `events stamped 2^63-1 ("after the trace window") are ignored (e.g. ${basename(file)} line ${lineNo})`);
      return;
    }
    runs.event(key, type, Math.floor(us / 1000), cpuCores, memoryMiB, place);
  });
  if (rows === 0) throw new InputError('no events (empty trace)', { file, line: 1, field: 'timestamp' });
}

async function readTaskUsage(file: string, runs: GoogleRuns): Promise<void> {
  const f = new RowFields();
  f.names = TASK_USAGE_COLUMNS;
  const place: RowPlace = { file, line: 0 };
  await forEachLine(file, (line, lineNo) => {
    place.line = lineNo;
    if (line.trim().length === 0) return;
    f.splitNumeric(line, 44, place);
    if (f.count !== TASK_USAGE_COLUMNS.length && f.count !== TASK_USAGE_COLUMNS.length - 1) f.expectCount(TASK_USAGE_COLUMNS.length, place);
    const startUs = f.nonNegativeInt(0, place);
    const endUs = f.nonNegativeInt(1, place);
    if (endUs < startUs) throw new InputError('end_time is before start_time', { ...place, field: 'end_time' });
    const key = `${f.nonNegativeInt(JOB, place)}-${f.nonNegativeInt(TASK, place)}`;
    const cpuRate = f.optionalNonNegative(5, place, 0);
    const memory = f.optionalNonNegative(6, place, 0);
    runs.usage(key, Math.floor(startUs / 1000), cpuRate, memory, place);
  });
}
