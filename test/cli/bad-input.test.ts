import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { CLI, expectBadInput, ROOT, runCli } from '../helpers/cli.js';

let work: string;
const rackplan = (...args: string[]) => runCli(join(work, 'cache'), ...args);
const SCENARIO = join(ROOT, 'models', 'scenarios', 'default.json');

beforeAll(() => {
  if (!existsSync(CLI)) throw new Error('dist/ is missing: npm test builds it first (npm run build)');
  work = mkdtempSync(join(tmpdir(), 'rackplan-bad-input-'));
});

/** Like runCli, but killed after `seconds` (an --out under /proc used to spin forever). */
function rackplanWithin(seconds: number, ...args: string[]) {
  const r = spawnSync(process.execPath, [CLI, ...args], { cwd: ROOT, encoding: 'utf8', timeout: seconds * 1000, env: { ...process.env, RACKPLAN_CACHE_DIR: join(work, 'cache') } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('bad input: one line naming the flag, exit 2, no stack trace, nothing written', () => {
  it('an unusable --out: an existing file, /sys, /proc (which used to spin at full CPU)', () => {
    const file = join(work, 'a-file');
    writeFileSync(file, 'x');
    const replay = (out: string) => rackplanWithin(20, 'replay', '--scenario', SCENARIO, '--out', out);
    expectBadInput(replay(join(work, 'a-file', 'sub')), join(work, 'a-file', 'sub'), /a-file: is not a folder|a-file is not a folder/);
    const onFile = replay(file);
    expect(onFile.code).toBe(2);
    expect(onFile.stderr).toBe(`rackplan: ${file}: --out: exists and is not a folder\n`);
    expectBadInput(replay('/sys/kernel/rackplan-x'), '/sys/kernel/rackplan-x', /^rackplan: \/sys\/kernel\/rackplan-x: --out: \/sys is a kernel file system, not a place for output\n$/);
    expectBadInput(replay('/proc/rackplan-x'), '/proc/rackplan-x', /--out: \/proc is a kernel file system/);
    const cache = rackplanWithin(20, 'replay', '--scenario', SCENARIO, '--cache-dir', '/proc/rackplan-x', '--out', join(work, 'never'));
    expectBadInput(cache, join(work, 'never'), /--cache-dir: \/proc is a kernel file system/);
  });

  it('a flag value is blamed on the flag, not on the scenario file', () => {
    const out = join(work, 'never');
    expectBadInput(rackplan('replay', '--scenario', SCENARIO, '--placement', 'bestfit', '--out', out), out, /^rackplan: --placement: unknown placement policy "bestfit"; valid: .*best-fit/);
    expectBadInput(rackplan('replay', '--scenario', SCENARIO, '--hypervisor', 'bogus', '--out', out), out, /^rackplan: --hypervisor: unknown hypervisor "bogus"; valid: .*kvm/);
    expectBadInput(rackplan('replay', '--scenario', SCENARIO, '--format', 'bogus', '--out', out), out, /^rackplan: --format: unknown trace format "bogus"/);
    expectBadInput(rackplan('compare', '--spec', join(ROOT, 'models', 'scenarios', 'compare-default.json'), '--placement', 'bestfit', '--out', out), out, /--placement: unknown placement policy "bestfit"/);
    expectBadInput(rackplan('compare', '--spec', join(ROOT, 'models', 'scenarios', 'compare-default.json'), '--failures', join(work, 'no-such.csv'), '--out', out), out, /no-such\.csv: --failures: cannot read file\n$/);
  });

  it('an SLO on "constructor" is a clean error, not a TypeError (the other prototype keys: test/planner/slo.test.ts)', () => {
    const key = 'constructor';
    const out = join(work, 'never');
    const result = rackplan('plan', '--scenario', SCENARIO, '--slo', `${key}<1`, '--host-models', 'generic-2s-64c', '--max-hosts', '4', '--seeds', '1', '--out', out);
    expectBadInput(result, out, new RegExp(`^rackplan: slo: "${key}" is not a metric of the run summary; valid: availability, `));
  });

  it('a crafted CSV cannot print terminal codes or a fake line', () => {
    const csv = join(work, 'crafted.csv');
    writeFileSync(csv, 'vm_id,timestamp_s,cpu_cores,cpu_capacity_mhz,cpu_usage_mhz,memory_capacity_mib,memory_usage_mib\nvm1,0,2,5200,12\u001b[2K\rreplay ok\u001b[8m,4096,1000\n');
    const out = join(work, 'never');
    const result = rackplan('replay', '--trace', csv, '--format', 'csv', '--out', out);
    expectBadInput(result, out, /cpu_usage_mhz: not a number: "12\\x1b\[2K\\x0dreplay ok\\x1b\[8m"/);
    expect(result.stderr).not.toMatch(/[\u0000-\u0009\u000b-\u001f]/);
  });

  it('--json into a pipe closed early (| head) ends quietly, exit 0', () => {
    const spec = join(ROOT, 'models', 'scenarios', 'compare-default.json');
    const r = spawnSync('sh', ['-c', `"${process.execPath}" "${CLI}" compare --spec "${spec}" --out "${join(work, 'cmp')}" --json | head -c 10`], { cwd: ROOT, encoding: 'utf8', env: { ...process.env, RACKPLAN_CACHE_DIR: join(work, 'cache') } });
    expect(r.stdout).toBe('{\n  "input');
    expect(r.stderr).not.toMatch(/EPIPE|Error|\n\s+at /);
    expect(existsSync(join(work, 'cmp', 'compare.json'))).toBe(true);
  });
});
