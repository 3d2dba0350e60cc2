import { join } from 'node:path';
import { InputError } from '../../common/input-error.js';
import { readParquetTable, type ParquetTable } from '../parquet-table.js';
import { pathKindOrNull } from '../trace-files.js';
import type { TraceReader, TraceReadOptions } from '../trace-reader.js';
import type { Workload } from '../workload.js';
import { WorkloadBuilder } from '../workload-builder.js';

/** OpenDC stores mem_capacity in KB (its ComputeWorkloadLoader divides by 1000 for MB). */
const KIB = 1024;

interface Layout {
  /** 'v1': meta.parquet + trace.parquet (timestamps); 'v2': tasks.parquet + fragments.parquet. */
  kind: 'v1' | 'v2';
  meta: string;
  fragments: string;
}

export const opendcReader: TraceReader = {
  format: 'opendc',
  description: 'OpenDC Parquet workload: meta.parquet + trace.parquet, or tasks.parquet + fragments.parquet',
  async detect(path) {
    return (await locate(path).catch(() => null)) !== null;
  },
  async sourceFiles(path) {
    const layout = await locateOrFail(path);
    return [layout.meta, layout.fragments];
  },
  async read(path: string, _options: TraceReadOptions): Promise<Workload> {
    const layout = await locateOrFail(path);
    const builder = new WorkloadBuilder({ format: 'opendc', sources: [layout.meta, layout.fragments], defaultIntervalMs: 300_000 });
    const v1 = layout.kind === 'v1';
    const meta = await readParquetTable(layout.meta, {
      numeric: v1 ? ['start_time', 'stop_time', 'cpu_count', 'cpu_capacity', 'mem_capacity'] : ['submission_time', 'duration', 'cpu_count', 'cpu_capacity', 'mem_capacity'],
      text: ['id'],
    });
    const fragments = await readParquetTable(layout.fragments, { numeric: v1 ? ['timestamp', 'duration', 'cpu_usage'] : ['duration', 'cpu_usage'], text: ['id'] });
    const vms = addVms(builder, meta, v1);
    layFragments(builder, fragments, vms, v1);
    return builder.build();
  },
};

async function locate(path: string): Promise<Layout | null> {
  if ((await pathKindOrNull(path)) !== 'dir') return null;
  for (const dir of [path, join(path, 'trace')]) {
    const meta = await existing(dir, 'meta.parquet');
    const trace = await existing(dir, 'trace.parquet');
    if (meta && trace) return { kind: 'v1', meta, fragments: trace };
    const tasks = await existing(dir, 'tasks.parquet');
    const fragments = await existing(dir, 'fragments.parquet');
    if (tasks && fragments) return { kind: 'v2', meta: tasks, fragments };
  }
  return null;
}

async function existing(dir: string, name: string): Promise<string | null> {
  for (const candidate of [join(dir, name), join(dir, `${name}.gz`)]) {
    if ((await pathKindOrNull(candidate)) === 'file') return candidate;
  }
  return null;
}

async function locateOrFail(path: string): Promise<Layout> {
  const layout = await locate(path);
  if (!layout) throw new InputError('expected a folder with meta.parquet + trace.parquet or tasks.parquet + fragments.parquet', { file: path });
  return layout;
}

interface VmTimes {
  index: Map<string, number>;
  startMs: Float64Array;
  stopMs: Float64Array;
  memoryMiB: Float64Array;
}

function addVms(builder: WorkloadBuilder, meta: ParquetTable, v1: boolean): VmTimes {
  if (meta.rows === 0) throw new InputError('no VMs (empty trace)', { file: meta.file, line: 1, field: 'id' });
  const ids = meta.strings('id');
  const start = meta.numbers(v1 ? 'start_time' : 'submission_time');
  const stopOrDuration = meta.numbers(v1 ? 'stop_time' : 'duration');
  const cores = meta.numbers('cpu_count');
  const capacity = meta.numbers('cpu_capacity');
  const memoryKB = meta.numbers('mem_capacity');
  const index = new Map<string, number>();
  const stopMs = new Float64Array(meta.rows);
  const memoryMiB = new Float64Array(meta.rows);
  const columns = [['cpu_count', cores], ['cpu_capacity', capacity], ['mem_capacity', memoryKB], [v1 ? 'start_time' : 'submission_time', start], [v1 ? 'stop_time' : 'duration', stopOrDuration]] as const;
  for (const [name, values] of columns) {
    const row = values.findIndex((value) => value < 0);
    if (row >= 0) throw new InputError(`negative value ${values[row]}`, { file: meta.file, line: row + 1, field: name });
  }
  for (let row = 0; row < meta.rows; row++) {
    if (index.has(ids[row]!)) throw new InputError(`VM ${ids[row]} appears twice`, { file: meta.file, line: row + 1, field: 'id' });
    stopMs[row] = v1 ? stopOrDuration[row]! : start[row]! + stopOrDuration[row]!;
    if (stopMs[row]! < start[row]!) throw new InputError('stop_time is before start_time', { file: meta.file, line: row + 1, field: 'stop_time' });
    memoryMiB[row] = memoryKB[row]! / KIB;
    index.set(ids[row]!, builder.addVm(ids[row]!, { cores: cores[row]!, cpuCapacityMhz: capacity[row]!, memoryMiB: memoryMiB[row]! }));
  }
  return { index, startMs: start, stopMs, memoryMiB };
}

/**
 * Fragments are laid end to end from the VM's start, as OpenDC's ComputeWorkloadLoader does
 * (it reads only durations); the VM ends when its last fragment ends. In the v1 layout each
 * fragment's timestamp (its end) is checked for order and its drift from the layout counted.
 */
function layFragments(builder: WorkloadBuilder, table: ParquetTable, vms: VmTimes, v1: boolean): void {
  const ids = table.strings('id');
  const duration = table.numbers('duration');
  const usage = table.numbers('cpu_usage');
  const timestamp = v1 ? table.numbers('timestamp') : null;
  const cursor = Float64Array.from(vms.startMs);
  const lastTimestamp = new Float64Array(builder.vmCount).fill(Number.NEGATIVE_INFINITY);
  for (const [name, values] of [['duration', duration], ['cpu_usage', usage]] as const) {
    const row = values.findIndex((value) => value < 0);
    if (row >= 0) throw new InputError(`negative value ${values[row]}`, { file: table.file, line: row + 1, field: name });
  }
  let unknown = 0;
  let zero = 0;
  let drift = 0;
  let previousId = '';
  let vm = -1;
  for (let row = 0; row < table.rows; row++) {
    if (ids[row] !== previousId) {
      previousId = ids[row]!;
      vm = vms.index.get(previousId) ?? -1;
    }
    if (vm < 0) {
      unknown++;
      continue;
    }
    if (timestamp) {
      if (timestamp[row]! <= lastTimestamp[vm]!) {
        throw new InputError(`timestamp ${timestamp[row]} is not after the previous fragment of VM ${previousId}`, { file: table.file, line: row + 1, field: 'timestamp' });
      }
      // A fragment's timestamp is its end: compare its start with the previous fragment's end.
      const previousEnd = lastTimestamp[vm] === Number.NEGATIVE_INFINITY ? vms.startMs[vm]! : lastTimestamp[vm]!;
      if (timestamp[row]! - duration[row]! !== previousEnd) drift++;
      lastTimestamp[vm] = timestamp[row]!;
    }
    if (duration[row] === 0) {
      zero++;
      continue;
    }
    builder.addSampleIo(vm, cursor[vm]!, usage[row]!, vms.memoryMiB[vm]!, 0, 0, 0, 0);
    cursor[vm] = cursor[vm]! + duration[row]!;
  }
  if (unknown > 0) builder.warn('fragment-unknown-vm', 'fragments of VMs missing from the meta table are dropped', unknown);
  if (zero > 0) builder.warn('zero-duration-fragment', 'fragments with duration 0 are dropped', zero);
  if (drift > 0) builder.warn('fragment-time-drift', "fragments are laid end to end from the VM's start as OpenDC does; these fragments do not start where the previous one ended by their timestamps (gaps or overlaps, mostly 1 s)", drift);
  endVms(builder, vms, cursor);
}

/** A VM ends where its last fragment ends; one without fragments idles from start to stop. */
function endVms(builder: WorkloadBuilder, vms: VmTimes, cursor: Float64Array): void {
  let empty = 0;
  for (let v = 0; v < builder.vmCount; v++) {
    if (builder.vmSampleCount(v) > 0) {
      builder.setEnd(v, cursor[v]!);
      continue;
    }
    empty++;
    builder.addSampleIo(v, vms.startMs[v]!, 0, vms.memoryMiB[v]!, 0, 0, 0, 0);
    builder.setEnd(v, Math.max(vms.stopMs[v]!, vms.startMs[v]!));
  }
  if (empty > 0) builder.warn('vm-without-fragments', 'a VM without fragments gets zero demand from its start to its stop time', empty);
}
