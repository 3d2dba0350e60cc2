import { InputError } from '../../common/input-error.js';
import { RowFields, type RowPlace } from '../row-fields.js';
import { forEachLine } from '../text-lines.js';
import { naturalCompare } from '../trace-files.js';
import type { TraceMachines } from '../workload.js';

/** clusterdata-2011-2 machine_events schema; no header rows. */
export const MACHINE_EVENT_COLUMNS = ['timestamp', 'machine_id', 'event_type', 'platform_id', 'cpus', 'memory'];
const REMOVE = 1;

/**
 * Machines of a Google 2011 trace from its machine_events shards: CPUs and memory are
 * normalized to the largest machine, scaled here as the reader scales task requests
 * (googleMachineScale), so machines and tasks share one unit. A machine's size is the largest of
 * its ADD and UPDATE rows; an empty capacity field (the trace's "unknown") is skipped. Machines
 * in natural id order.
 */
export async function readGoogleMachineEvents(files: readonly string[], scale: { cores: number; memoryMiB: number }): Promise<TraceMachines> {
  const sizes = new Map<string, { cores: number; memory: number }>();
  const f = new RowFields();
  f.names = MACHINE_EVENT_COLUMNS;
  for (const file of files) {
    const place: RowPlace = { file, line: 0 };
    await forEachLine(file, (line, lineNo) => {
      place.line = lineNo;
      if (line.trim().length === 0) return;
      f.split(line, ',', place);
      f.expectCount(MACHINE_EVENT_COLUMNS.length, place);
      f.nonNegativeInt(0, place);
      const id = f.required(1, place);
      const type = f.nonNegativeInt(2, place);
      if (type > 2) throw new InputError(`unknown machine event type ${type} (valid: 0 add, 1 remove, 2 update)`, { ...place, field: 'event_type' });
      const cores = f.optionalNonNegative(4, place, 0) * scale.cores;
      const memory = f.optionalNonNegative(5, place, 0) * scale.memoryMiB;
      const size = sizes.get(id) ?? { cores: 0, memory: 0 };
      if (type !== REMOVE) {
        size.cores = Math.max(size.cores, cores);
        size.memory = Math.max(size.memory, memory);
      }
      sizes.set(id, size);
    });
  }
  if (sizes.size === 0) throw new InputError('machine_events has no rows', { file: files[0]!, line: 1, field: 'machine_id' });
  const ids = [...sizes.keys()].sort(naturalCompare);
  return {
    ids,
    cores: Float64Array.from(ids, (id) => sizes.get(id)!.cores),
    memoryMiB: Float64Array.from(ids, (id) => sizes.get(id)!.memory),
    gpus: new Float64Array(ids.length),
  };
}
