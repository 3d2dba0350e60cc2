import { spawnSync, type SpawnSyncReturns } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT } from '../helpers/cli.js';

/**
 * The package as a user gets it: `npm pack` (dist/ is already built by `npm test`, so the
 * prepack build is skipped), installed into an empty folder, then run from there. Installing
 * needs the dependencies from the npm cache or registry; when that is impossible the tests are
 * skipped with the reason printed, never passed.
 */
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
const home = mkdtempSync(join(tmpdir(), 'rackplan-pack-'));
const project = join(home, 'project');
let skipReason = '';

function run(command: string, args: string[], cwd: string, timeout = 120_000): SpawnSyncReturns<string> {
  return spawnSync(command, args, { cwd, encoding: 'utf8', timeout, env: { ...process.env, npm_config_update_notifier: 'false' } });
}

beforeAll(() => {
  const packed = run(npm, ['pack', '--ignore-scripts', '--silent', '--pack-destination', home], ROOT);
  if (packed.status !== 0) throw new Error(`npm pack failed: ${packed.stderr}`);
  const tarball = join(home, readdirSync(home).find((f) => f.endsWith('.tgz'))!);
  run('mkdir', ['-p', project], home);
  writeFileSync(join(project, 'package.json'), '{ "name": "fresh", "private": true, "type": "module" }\n');
  const installed = run(npm, ['install', '--prefer-offline', '--no-audit', '--no-fund', '--loglevel=error', tarball], project, 170_000);
  if (installed.status !== 0) {
    skipReason = `npm install of the tarball failed (no registry or cache?): ${(installed.stderr || String(installed.error)).split('\n')[0]}`;
    process.stdout.write(`pack-install: skipped: ${skipReason}\n`);
  }
}, 200_000);
afterAll(() => rmSync(home, { recursive: true, force: true }));

const rackplan = (...args: string[]) => run('npx', ['--no-install', 'rackplan', ...args], project);

describe('the packed package, installed into an empty folder', () => {
  it('ships a LICENSE, and no install script', (ctx) => {
    if (skipReason) ctx.skip();
    const installed = join(project, 'node_modules', 'rackplan');
    expect(readFileSync(join(installed, 'LICENSE'), 'utf8')).toMatch(/^MIT License/);
    const manifest = JSON.parse(readFileSync(join(installed, 'package.json'), 'utf8')) as { scripts: Record<string, string> };
    expect(Object.keys(manifest.scripts)).not.toContain('prepare');
  });

  it('loads with import and with require', (ctx) => {
    if (skipReason) ctx.skip();
    const esm = run(process.execPath, ['--input-type=module', '-e', "import { runScenario } from 'rackplan'; console.log(typeof runScenario)"], project);
    expect(esm.stdout.trim(), esm.stderr).toBe('function');
    const cjs = run(process.execPath, ['-e', "const r = require('rackplan'); console.log(typeof r.runScenario, typeof r.loadPlugins)"], project);
    expect(cjs.stdout.trim(), cjs.stderr).toBe('function function');
  });

  it('runs `rackplan start` and a replay of a built-in scenario named from here', (ctx) => {
    if (skipReason) ctx.skip();
    const start = rackplan('start', '--out', 'reports');
    expect(start.status, start.stderr).toBe(0);
    expect(existsSync(join(project, 'reports', 'default', 'report.html'))).toBe(true);
    const replay = rackplan('replay', '--scenario', 'default', '--topology', 'default', '--json', '--out', 'by-name');
    expect(replay.status, replay.stderr).toBe(0);
    expect((JSON.parse(replay.stdout) as { vms: { placed: number } }).vms.placed).toBe(100);
  });

  it('runs both extending examples from the installed package', (ctx) => {
    if (skipReason) ctx.skip();
    const examples = join('node_modules', 'rackplan', 'examples', 'extending');
    const policy = rackplan('replay', '--scenario', 'default', '--plugins', join(examples, 'target-utilization.mjs'), '--placement', 'target-70', '--json', '--out', 'target-70');
    expect(policy.status, policy.stderr).toBe(0);
    expect((JSON.parse(policy.stdout) as { energyKWh: number }).energyKWh.toFixed(1)).toBe('41.1');
    const detector = rackplan('compare', '--spec', join(examples, 'compare-detectors.json'), '--out', 'detectors');
    expect(detector.status, detector.stderr).toBe(0);
    expect(detector.stderr).toMatch(/virtual-ewma-mmt-0\.3 +7\/8 +servers/);
  });
});
