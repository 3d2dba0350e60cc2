import type { Workload, WorkloadIo } from '../traces/workload.js';
import { DISK, KB_PER_MB } from './io-capacity.js';

/**
 * Per-sample I/O rates of a workload, MB/s: disk = read + write, network = receive + transmit.
 * The two KB/s columns of a resource are kept as they are (no copy); `rateMBps` adds them.
 */
export interface IoRateColumns {
  readonly a: Float32Array;
  readonly b: Float32Array;
}

/** The trace columns of a resource, or null when the trace has no I/O columns. */
export function ioRateColumns(io: WorkloadIo | null, resource: number): IoRateColumns | null {
  if (!io) return null;
  return resource === DISK ? { a: io.diskReadKBps, b: io.diskWriteKBps } : { a: io.netRxKBps, b: io.netTxKBps };
}

/** Rate of sample k, MB/s. */
export function rateMBps(columns: IoRateColumns, k: number): number {
  return (columns.a[k]! + columns.b[k]!) / KB_PER_MB;
}

/**
 * A VM's expected I/O for placement, MB/s: its time-weighted mean rate over its samples (the
 * profile a planner knows from the VM's history; not a forecast). Zeros when there are no I/O
 * columns. O(samples), once per run.
 */
export function vmExpectedIoMBps(workload: Workload, resource: number): Float64Array {
  const out = new Float64Array(workload.vmCount);
  const columns = ioRateColumns(workload.io, resource);
  if (!columns) return out;
  const at = workload.sampleAtMs;
  for (let vm = 0; vm < workload.vmCount; vm++) {
    const first = workload.sampleStart[vm]!;
    const last = workload.sampleStart[vm + 1]!;
    const end = workload.endAtMs[vm]!;
    let integral = 0;
    let length = 0;
    for (let k = first; k < last; k++) {
      const to = Math.min(k + 1 < last ? at[k + 1]! : end, end);
      const dt = to - at[k]!;
      if (dt <= 0) continue;
      integral += rateMBps(columns, k) * dt;
      length += dt;
    }
    out[vm] = length > 0 ? integral / length : 0;
  }
  return out;
}
