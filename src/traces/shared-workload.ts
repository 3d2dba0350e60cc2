import { mapWorkloadIo, type Workload } from './workload.js';

type NumberArray = Float64Array | Float32Array | Uint32Array;

function shared<T extends NumberArray>(array: T): T {
  const Kind = array.constructor as new (buffer: SharedArrayBuffer) => T;
  const copy = new Kind(new SharedArrayBuffer(array.byteLength));
  copy.set(array as never);
  return copy;
}

/**
 * The same workload with every typed array on a SharedArrayBuffer: posted to worker threads
 * (workerData or a message) the arrays are shared, not copied, so N threads hold one copy of the
 * samples instead of each loading and parsing the trace. Ids and warnings are copied (small).
 */
export function shareWorkload(w: Workload): Workload {
  return {
    ...w,
    cores: shared(w.cores),
    cpuCapacityMhz: shared(w.cpuCapacityMhz),
    memoryMiB: shared(w.memoryMiB),
    gpus: shared(w.gpus),
    endAtMs: shared(w.endAtMs),
    sampleStart: shared(w.sampleStart),
    sampleAtMs: shared(w.sampleAtMs),
    sampleCpuMhz: shared(w.sampleCpuMhz),
    sampleMemoryMiB: shared(w.sampleMemoryMiB),
    io: mapWorkloadIo(w.io, shared),
  };
}
