import { gzipSync } from 'node:zlib';
import { writeFileAtomic } from '../common/atomic-write.js';
import type { Workload } from './workload.js';

export const GENERIC_CSV_HEADER =
  'vm_id,timestamp_s,cpu_cores,cpu_capacity_mhz,cpu_usage_mhz,memory_capacity_mib,memory_usage_mib';

/**
 * Writes a workload in the generic `csv` format (docs/trace-formats.md), one row per sample, VMs
 * in order; gzipped when the path ends in .gz. Timestamps are absolute epoch seconds.
 */
export function writeGenericCsv(workload: Workload, path: string): number {
  const chunks: string[] = [GENERIC_CSV_HEADER + '\n'];
  let rows = 0;
  for (let vm = 0; vm < workload.vmCount; vm++) {
    const prefix = `${workload.vmIds[vm]},`;
    const size = `,${workload.cores[vm]},${workload.cpuCapacityMhz[vm]},`;
    const memory = `,${workload.memoryMiB[vm]},`;
    let lines = '';
    for (let k = workload.sampleStart[vm]!; k < workload.sampleStart[vm + 1]!; k++) {
      const seconds = (workload.originEpochMs + workload.sampleAtMs[k]!) / 1000;
      lines += prefix + seconds + size + formatMhz(workload.sampleCpuMhz[k]!) + memory + workload.sampleMemoryMiB[k] + '\n';
      rows++;
    }
    chunks.push(lines);
  }
  const text = chunks.join('');
  writeFileAtomic(path, path.endsWith('.gz') ? gzipSync(text, { level: 9 }) : text);
  return rows;
}

/** The generator rounds to 0.1 MHz; print that without float32 noise. */
function formatMhz(value: number): string {
  return (Math.round(value * 10) / 10).toString();
}
