import { cpSync, mkdtempSync, readFileSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { sha256Hex } from '../../src/common/checksum.js';
import { loadScenario } from '../../src/scenario/load-scenario.js';
import { runScenario } from '../../src/scenario/run-scenario.js';

const FIXTURE = fileURLToPath(new URL('../fixtures/traces/bitbrains/', import.meta.url));

describe('input checksums of a run', () => {
  it('come from the trace cache on a cached run, which reads no raw trace byte', async () => {
    const root = mkdtempSync(join(tmpdir(), 'rackplan-run-checksums-'));
    const trace = join(root, 'trace');
    cpSync(FIXTURE, trace, { recursive: true });
    const cacheDir = join(root, 'cache');
    const file = join(trace, '1.csv');
    const original = readFileSync(file);
    // Whole seconds, so the restored mtime is exactly the same.
    utimesSync(file, 1_700_000_000, 1_700_000_000);
    const scenario = () => loadScenario(null, { trace, format: 'bitbrains' });
    const first = await runScenario(scenario(), { cacheDir });
    const recorded = first.inputs.files.find((f) => f.path.endsWith('1.csv'))!;
    expect(recorded.sha256).toBe(sha256Hex(original));
    // Same size, same mtime, same inode, unparseable bytes: only a run that reads nothing of the
    // raw trace (neither to parse nor to hash) can succeed and still record the original checksum.
    writeFileSync(file, 'x'.repeat(statSync(file).size));
    utimesSync(file, 1_700_000_000, 1_700_000_000);
    const cached = await runScenario(scenario(), { cacheDir });
    expect(cached.inputs).toEqual(first.inputs);
    expect(cached.summary).toEqual(first.summary);
    // Without the cache the changed bytes are read: parsing fails on them.
    await expect(runScenario(scenario(), { cacheDir: null })).rejects.toThrow();
  });
});
