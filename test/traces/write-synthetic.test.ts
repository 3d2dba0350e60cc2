import { readdirSync, readFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadTrace } from '../../src/traces/load-trace.js';
import { synthesizeWorkload } from '../../src/traces/synthetic-workload.js';
import { writeGenericCsv } from '../../src/traces/write-generic-csv.js';
import { writeSynthetic } from '../../src/traces/write-synthetic.js';
import { tempDir } from './helpers/fixture-tools.js';

const options = { vms: 9, days: 0.4, seed: 5, intervalSeconds: 120 };

describe('writeSynthetic', () => {
  it.each(['w.csv', 'w.csv.gz'])('streams the same bytes as writing the whole workload (%s)', async (name) => {
    const dir = tempDir('synth-stream');
    const rows = await writeSynthetic({ ...options, format: 'csv' }, join(dir, name));
    const whole = writeGenericCsv(synthesizeWorkload(options), join(dir, `whole-${name}`));
    expect(rows).toBe(whole);
    expect(readFileSync(join(dir, name))).toEqual(readFileSync(join(dir, `whole-${name}`)));
    expect(readdirSync(dir).sort()).toEqual([name, `whole-${name}`].sort());
  });

  it('writes a Bitbrains-format folder that reads back as the generated workload', async () => {
    const out = join(tempDir('synth-bb'), 'trace');
    const rows = await writeSynthetic({ ...options, format: 'bitbrains' }, out);
    const original = synthesizeWorkload(options);
    expect(readdirSync(out)).toHaveLength(9);
    const { workload, format } = await loadTrace(out, { cacheDir: null });
    expect(format).toBe('bitbrains');
    expect(workload.sampleStart[workload.vmCount]).toBe(rows);
    expect(workload.vmIds).toEqual(['1', '2', '3', '4', '5', '6', '7', '8', '9']);
    expect(workload.cores).toEqual(original.cores);
    expect(workload.cpuCapacityMhz).toEqual(original.cpuCapacityMhz);
    expect(workload.memoryMiB).toEqual(original.memoryMiB);
    expect(workload.originEpochMs).toBe(original.originEpochMs);
    expect(workload.sampleAtMs).toEqual(original.sampleAtMs);
    expect(workload.endAtMs).toEqual(original.endAtMs);
    expect(workload.sampleMemoryMiB).toEqual(original.sampleMemoryMiB);
    for (let k = 0; k < rows; k++) expect(Math.abs(workload.sampleCpuMhz[k]! - original.sampleCpuMhz[k]!)).toBeLessThanOrEqual(0.05 + 1e-3);
  });

  it('refuses an existing folder and leaves nothing behind', async () => {
    const dir = tempDir('synth-exists');
    await expect(writeSynthetic({ ...options, format: 'bitbrains' }, dir)).rejects.toThrow(/already exists/);
    expect(readdirSync(dir)).toEqual([]);
    expect(readdirSync(dirname(dir)).some((name) => name.startsWith(`.${basename(dir)}.`))).toBe(false);
  });
});
