import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadTrace } from '../../src/traces/load-trace.js';
import { synthesizeWorkload } from '../../src/traces/synthetic-workload.js';
import { writeGenericCsv } from '../../src/traces/write-generic-csv.js';
import { tempDir } from './helpers/fixture-tools.js';

// The project's own generator writes the generic csv format; reading it back must give the
// same VMs, sizes, times and demand (CPU is written rounded to 0.1 MHz).
describe.each(['synth.csv', 'synth.csv.gz'])('generator output %s', (name) => {
  it('reads back as the workload that was written', async () => {
    const original = synthesizeWorkload({ vms: 12, days: 0.5, seed: 7 });
    const path = join(tempDir('synth'), name);
    const rows = writeGenericCsv(original, path);
    const { workload, format } = await loadTrace(path, { cacheDir: null });
    expect(format).toBe('csv');
    expect(workload.sampleStart[workload.vmCount]).toBe(rows);
    expect(workload.vmIds).toEqual(original.vmIds);
    // Our origin is the earliest sample; the generator's is its start date, so compare absolute times.
    const absolute = (w: typeof workload, times: Float64Array) => Array.from(times, (t) => w.originEpochMs + t);
    expect(workload.cores).toEqual(original.cores);
    expect(workload.cpuCapacityMhz).toEqual(original.cpuCapacityMhz);
    expect(workload.memoryMiB).toEqual(original.memoryMiB);
    expect(workload.sampleStart).toEqual(original.sampleStart);
    expect(absolute(workload, workload.sampleAtMs)).toEqual(absolute(original, original.sampleAtMs));
    expect(absolute(workload, workload.endAtMs)).toEqual(absolute(original, original.endAtMs));
    expect(workload.sampleMemoryMiB).toEqual(original.sampleMemoryMiB);
    for (let k = 0; k < rows; k++) expect(Math.abs(workload.sampleCpuMhz[k]! - original.sampleCpuMhz[k]!)).toBeLessThanOrEqual(0.05 + 1e-3);
  });
});
