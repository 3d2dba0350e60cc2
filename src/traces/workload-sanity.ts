import { InputError } from '../common/input-error.js';
import type { Workload } from './workload.js';

/** A sample asking for more than this many times its VM's own size is a unit or parse error. */
export const MAX_DEMAND_TO_SIZE = 1000;
/** One VM's consecutive samples this far apart mean a wrong timestamp (s read as ms, a typo). */
export const MAX_SAMPLE_STEP_MS = 365 * 24 * 3_600_000;
/** No trace spans more than a century: a longer one has a wrong timestamp. */
export const MAX_TRACE_SPAN_MS = 100 * 365 * 24 * 3_600_000;

/**
 * The reader boundary's last check, on the canonical workload every reader builds: values a
 * reader accepted one field at a time but that make no sense together. Each is an InputError
 * naming the trace, the VM and the field. Returns nothing: a workload that passes is unchanged.
 */
export function checkWorkloadSanity(w: Workload): void {
  const file = w.sources.length === 1 ? w.sources[0]! : w.sources.length > 1 ? `${w.sources[0]!} (and ${w.sources.length - 1} more)` : undefined;
  const where = (field: string) => ({ ...(file !== undefined ? { file } : {}), field });
  const seen = new Set<string>();
  for (const id of w.vmIds) {
    if (id.includes('\uFFFD')) throw new InputError(`VM id "${id}" is not valid UTF-8 (ids that differ only in invalid bytes would merge)`, where('id'));
    if (seen.has(id)) throw new InputError(`duplicate VM id "${id}"`, where('id'));
    seen.add(id);
  }
  let first = Number.POSITIVE_INFINITY;
  let last = Number.NEGATIVE_INFINITY;
  for (let vm = 0; vm < w.vmCount; vm++) {
    const size = w.cpuCapacityMhz[vm]!;
    const from = w.sampleStart[vm]!;
    const to = w.sampleStart[vm + 1]!;
    for (let k = from; k < to; k++) {
      const cpu = w.sampleCpuMhz[k]!;
      const at = w.sampleAtMs[k]!;
      if (!Number.isFinite(cpu) || !Number.isFinite(w.sampleMemoryMiB[k]!) || !Number.isFinite(at)) {
        throw new InputError(`VM "${w.vmIds[vm]}" has a non-finite sample at ${at / 1000} s`, where('cpu'));
      }
      if (size > 0 && cpu > MAX_DEMAND_TO_SIZE * size) {
        throw new InputError(`VM "${w.vmIds[vm]}" asks for ${cpu} MHz at ${at / 1000} s, more than ${MAX_DEMAND_TO_SIZE} times its size (${size} MHz): a unit error?`, where('cpu'));
      }
      if (k > from && at - w.sampleAtMs[k - 1]! > MAX_SAMPLE_STEP_MS) {
        throw new InputError(`VM "${w.vmIds[vm]}" jumps from ${w.sampleAtMs[k - 1]! / 1000} s to ${at / 1000} s, more than a year between samples: a wrong timestamp?`, where('timestamp'));
      }
    }
    if (to > from) first = Math.min(first, w.sampleAtMs[from]!);
    last = Math.max(last, w.endAtMs[vm]!);
  }
  if (last - first > MAX_TRACE_SPAN_MS) throw new InputError(`the trace spans ${Math.round((last - first) / (365 * 24 * 3_600_000))} years, more than 100: a wrong timestamp?`, where('timestamp'));
}
