import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readRunFiles } from '../../src/metrics/read-run-files.js';
import { resultAsWritten } from '../../src/metrics/result-as-written.js';
import type { RunResult } from '../../src/metrics/run-result.js';
import { writeRunFiles } from '../../src/metrics/write-run-files.js';
import { BUILTIN_MODELS_DIR } from '../../src/model/catalog.js';
import { renderRunReport } from '../../src/report/run-report.js';
import { runScenario } from '../../src/scenario/run-scenario.js';

/**
 * The replay command renders report.html from resultAsWritten(result), in memory; `rackplan
 * report <out>` renders it from the files. Both must give the same bytes, so these runs go both
 * ways: written and read back, and rounded in memory. A difference is a writer, reader or
 * rounding rule that drifted.
 */
const SCENARIOS = join(BUILTIN_MODELS_DIR, 'scenarios');
const dirs: string[] = [];
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'rackplan-as-written-'));
  dirs.push(dir);
  return dir;
}

/** The default tour with dynamic consolidation (migrations, hosts emptied and switched off). */
function consolidatingScenario(): string {
  const spec = JSON.parse(readFileSync(join(SCENARIOS, 'default.json'), 'utf8')) as Record<string, unknown>;
  const file = join(tempDir(), 'default-consolidating.json');
  const trace = spec.trace as { path: string };
  writeFileSync(
    file,
    JSON.stringify({
      ...spec,
      $schema: undefined,
      name: 'default-consolidating',
      trace: { ...trace, path: join(SCENARIOS, trace.path) },
      topology: join(SCENARIOS, spec.topology as string),
      // As in the PlanetLab scenarios: VMs reserve nothing, so hosts can be emptied.
      sharing: { mode: 'elastic', elastic: { minFraction: 0, maxFraction: 1, burstWeight: 'size', memoryMinFraction: 0, memoryMaxFraction: 1 } },
      consolidation: { intervalSeconds: 300, overload: 'thr', safety: 0.8, selection: 'mmt', underload: true, historyLength: 30 },
    }),
  );
  return file;
}

function bothWays(result: RunResult): { fromMemory: RunResult; fromFiles: RunResult } {
  const dir = tempDir();
  writeRunFiles(result, dir);
  return { fromMemory: resultAsWritten(result), fromFiles: readRunFiles(dir) };
}

describe('the report rendered in memory', () => {
  // Each case names what it exercises, and checks that its run has it.
  const cases: [string, () => string, (result: RunResult) => number][] = [
    ['default (I/O files)', () => join(SCENARIOS, 'default.json'), (r) => r.io?.hosts.length ?? 0],
    ['default-failures (outages, hosts down, restarts, maintenance)', () => join(SCENARIOS, 'default-failures.json'), (r) => r.outages.length],
    ['default with dynamic consolidation (migrations)', consolidatingScenario, (r) => r.summary.migrations],
    ['default-facility (carbon.csv, racks)', () => join(SCENARIOS, 'default-facility.json'), (r) => r.carbon?.carbonKg.length ?? 0],
  ];
  for (const [name, scenario, exercised] of cases) {
    it(`is byte-identical to the one re-rendered from the written files: ${name}`, async () => {
      const result = await runScenario(scenario(), { cacheDir: null });
      expect(exercised(result)).toBeGreaterThan(0);
      const { fromMemory, fromFiles } = bothWays(result);
      expect(fromMemory).toEqual(fromFiles);
      expect(renderRunReport(fromMemory)).toBe(renderRunReport(fromFiles));
    });
  }

  it('differs from the page of the unrounded result, so the rounding is doing work', async () => {
    const result = await runScenario(join(SCENARIOS, 'default.json'), { cacheDir: null });
    expect(renderRunReport(resultAsWritten(result))).not.toBe(renderRunReport(result));
  });

  it('reads a non-finite number as NaN where the files leave the cell empty, and refuses it elsewhere', async () => {
    const result = await runScenario(join(SCENARIOS, 'default.json'), { cacheDir: null });
    result.io!.hosts[0]!.diskCapacityMBps = Number.NaN;
    const { fromMemory, fromFiles } = bothWays(result);
    expect(Number.isNaN(fromMemory.io!.hosts[0]!.diskCapacityMBps)).toBe(true);
    expect(fromMemory).toEqual(fromFiles);
    result.hosts[0]!.energyKWh = Number.NaN;
    expect(() => resultAsWritten(result)).toThrow(/hosts\.csv: column energy_kwh would get an empty cell/);
    const dir = tempDir();
    writeRunFiles(result, dir);
    expect(() => readRunFiles(dir)).toThrow(/not a number/);
  });
});
