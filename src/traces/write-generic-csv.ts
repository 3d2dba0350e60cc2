import { gzipSync } from 'node:zlib';
import { writeFileAtomic } from '../common/atomic-write.js';
import type { Workload } from './workload.js';

export const GENERIC_CSV_HEADER =
  'vm_id,timestamp_s,cpu_cores,cpu_capacity_mhz,cpu_usage_mhz,memory_capacity_mib,memory_usage_mib';

/**
 * Writes a workload in the generic `csv` format (docs/trace-formats.md), one row per sample, VMs
 * in order; gzipped when the path ends in .gz. Timestamps are absolute epoch seconds. The whole
 * text is built in memory: for workloads of any size, write them with writeSynthetic.
 */
export function writeGenericCsv(workload: Workload, path: string): number {
  const chunks: string[] = [GENERIC_CSV_HEADER + '\n'];
  const at = Float64Array.from(workload.sampleAtMs, (t) => workload.originEpochMs + t);
  for (let vm = 0; vm < workload.vmCount; vm++) {
    const from = workload.sampleStart[vm]!;
    const to = workload.sampleStart[vm + 1]!;
    chunks.push(genericCsvRows(workload.vmIds[vm]!, workload.cores[vm]!, workload.cpuCapacityMhz[vm]!, workload.memoryMiB[vm]!, at, workload.sampleCpuMhz, workload.sampleMemoryMiB, from, to));
  }
  const text = chunks.join('');
  writeFileAtomic(path, path.endsWith('.gz') ? gzipSync(text, { level: 9 }) : text);
  return workload.sampleStart[workload.vmCount]!;
}

/** One VM's rows [from, to) of the generic csv; `atEpochMs` are absolute epoch ms. */
export function genericCsvRows(
  id: string,
  cores: number,
  cpuCapacityMhz: number,
  memoryMiB: number,
  atEpochMs: Float64Array,
  cpuMhz: Float32Array,
  memoryUsageMiB: Float32Array,
  from: number,
  to: number,
): string {
  const prefix = `${id},`;
  const size = `,${cores},${cpuCapacityMhz},`;
  const memory = `,${memoryMiB},`;
  let lines = '';
  for (let k = from; k < to; k++) lines += prefix + atEpochMs[k]! / 1000 + size + formatMhz(cpuMhz[k]!) + memory + memoryUsageMiB[k] + '\n';
  return lines;
}

/** The generator rounds to 0.1 MHz; print that without float32 noise. */
function formatMhz(value: number): string {
  return (Math.round(value * 10) / 10).toString();
}
