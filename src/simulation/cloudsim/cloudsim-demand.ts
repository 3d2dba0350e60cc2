import type { Workload } from '../../traces/workload.js';

/**
 * CloudSim's UtilizationModelPlanetLabInMemory.getUtilization(time): between two samples the
 * demand is interpolated linearly, and past the last sample it heads for 0 (the data array has
 * one more slot than the file has values). CloudSim reads it `offsetMs` into each interval
 * (its processing runs at 300.1 s, 600.1 s, ...), so each sample becomes that reading. A VM
 * requests exactly 0 only when two consecutive samples are 0.
 */
export function demandReadAtOffset(workload: Workload, offsetMs: number): Workload {
  const cpu = new Float32Array(workload.sampleCpuMhz.length);
  for (let vm = 0; vm < workload.vmCount; vm++) {
    const start = workload.sampleStart[vm]!;
    const end = workload.sampleStart[vm + 1]!;
    for (let k = start; k < end; k++) {
      const here = workload.sampleCpuMhz[k]!;
      const next = k + 1 < end ? workload.sampleCpuMhz[k + 1]! : 0;
      const stepMs = k + 1 < end ? workload.sampleAtMs[k + 1]! - workload.sampleAtMs[k]! : k > start ? workload.sampleAtMs[k]! - workload.sampleAtMs[k - 1]! : 0;
      cpu[k] = stepMs > 0 ? here + ((next - here) * offsetMs) / stepMs : here;
    }
  }
  return { ...workload, sampleCpuMhz: cpu };
}
