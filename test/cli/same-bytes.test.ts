import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { CLI, ROOT } from '../helpers/cli.js';

/**
 * The same run gives the same bytes from any working directory: recorded paths are relative
 * to the scenario file (or, without one, the trace's own name), with each file's checksum.
 */
let work: string;
let cacheDir: string;

beforeAll(() => {
  if (!existsSync(CLI)) throw new Error('dist/ is missing: npm test builds it first (npm run build)');
  work = mkdtempSync(join(tmpdir(), 'rackplan-same-bytes-'));
  cacheDir = join(work, 'cache');
});

function rackplanIn(cwd: string, ...args: string[]) {
  const result = spawnSync(process.execPath, [CLI, ...args], { cwd, encoding: 'utf8', env: { ...process.env, RACKPLAN_CACHE_DIR: cacheDir } });
  expect(result.status, result.stderr).toBe(0);
}

function expectSameFolders(a: string, b: string): void {
  const files = readdirSync(a).sort();
  expect(readdirSync(b).sort()).toEqual(files);
  for (const file of files) expect(readFileSync(join(b, file)), file).toEqual(readFileSync(join(a, file)));
}

describe('same bytes from any folder', () => {
  it('replay --scenario from two working directories', () => {
    const scenario = join(ROOT, 'models', 'scenarios', 'default.json');
    rackplanIn(ROOT, 'replay', '--scenario', relative(ROOT, scenario), '--out', join(work, 'from-root'));
    rackplanIn(tmpdir(), 'replay', '--scenario', relative(tmpdir(), scenario), '--out', join(work, 'from-tmp'));
    expectSameFolders(join(work, 'from-root'), join(work, 'from-tmp'));
    const run = JSON.parse(readFileSync(join(work, 'from-root', 'run.json'), 'utf8'));
    expect(run.trace.path).toBe('../../traces/default/bitbrains-like-100vms-3d.csv.gz');
    expect(run.files.find((f: { role: string }) => f.role === 'trace')).toMatchObject({ path: '../../traces/default/bitbrains-like-100vms-3d.csv.gz', sha256: expect.stringMatching(/^[0-9a-f]{64}$/) });
    expect(readFileSync(join(work, 'from-root', 'report.html'), 'utf8')).not.toContain(ROOT);
  });

  it('replay --trace (no scenario file) from two working directories: the trace by its own name', () => {
    const trace = join(ROOT, 'traces', 'default', 'bitbrains-like-100vms-3d.csv.gz');
    rackplanIn(ROOT, 'replay', '--trace', relative(ROOT, trace), '--format', 'csv', '--out', join(work, 'flags-root'));
    rackplanIn(join(ROOT, 'models'), 'replay', '--trace', relative(join(ROOT, 'models'), trace), '--format', 'csv', '--out', join(work, 'flags-models'));
    expectSameFolders(join(work, 'flags-root'), join(work, 'flags-models'));
    const run = JSON.parse(readFileSync(join(work, 'flags-root', 'run.json'), 'utf8'));
    expect(run.trace.path).toBe('bitbrains-like-100vms-3d.csv.gz');
    expect(JSON.stringify(run)).not.toContain(ROOT);
  });

  it('a sweep from two working directories: the same sweep.json and run files', () => {
    const sweep = join(ROOT, 'models', 'sweeps', 'tiny.json');
    rackplanIn(ROOT, 'sweep', relative(ROOT, sweep), '--out', join(work, 'sweep-root'), '--workers', '1');
    rackplanIn(tmpdir(), 'sweep', relative(tmpdir(), sweep), '--out', join(work, 'sweep-tmp'), '--workers', '1');
    expect(readFileSync(join(work, 'sweep-tmp', 'sweep.json'))).toEqual(readFileSync(join(work, 'sweep-root', 'sweep.json')));
    const runs = readdirSync(join(work, 'sweep-root', 'runs')).filter((name) => /^[0-9a-f]{64}$/.test(name));
    expect(runs).toHaveLength(6);
    for (const hash of runs) expectSameFolders(join(work, 'sweep-root', 'runs', hash), join(work, 'sweep-tmp', 'runs', hash));
    expect(readFileSync(join(work, 'sweep-root', 'runs', runs[0]!, 'run.json'), 'utf8')).not.toContain(ROOT);
  });
});
