import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { CLI, expectBadInput, ROOT, runCli } from '../helpers/cli.js';

let work: string;
const rackplan = (...args: string[]) => runCli(join(work, 'cache'), ...args);
const TRACE = join(ROOT, 'traces', 'default', 'bitbrains-like-100vms-3d.csv.gz');

beforeAll(() => {
  if (!existsSync(CLI)) throw new Error('dist/ is missing: npm test builds it first (npm run build)');
  work = mkdtempSync(join(tmpdir(), 'rackplan-replay-flags-'));
});

describe('replay: everyday flags without writing a file', () => {
  it('--host-model with --hosts: a uniform topology; --failures with a failure trace', () => {
    const failures = join(work, 'outage.csv');
    // rack-0001 (the first host of a uniform topology) is down from 1 h to 2 h.
    writeFileSync(failures, 'host_or_domain,start,end\nrack-0001,3600,7200\n');
    const out = join(work, 'uniform');
    const result = rackplan('replay', '--trace', TRACE, '--host-model', 'generic-2s-64c', '--hosts', '4', '--failures', failures, '--out', out, '--json');
    expect(result.code, result.stderr).toBe(0);
    const summary = JSON.parse(result.stdout);
    expect(summary.hosts.total).toBe(4);
    expect(summary.hostFailures).toBe(1);
    expect(summary.vmRestarts).toBeGreaterThan(0);
    expect(readFileSync(join(out, 'outages.csv'), 'utf8')).toBe('host_id,cause,start_s,end_s\nrack-0001,trace,3600.000,7200.000\n');
    const run = JSON.parse(readFileSync(join(out, 'run.json'), 'utf8'));
    expect(run.topology).toBe('4 x generic-2s-64c');
    expect(run.files.map((f: { role: string }) => f.role)).toEqual(['host-model', 'hypervisor', 'trace', 'failure-trace']);
    expect(readFileSync(join(out, 'hosts.csv'), 'utf8').split('\n').filter((l) => l.includes(',generic-2s-64c,'))).toHaveLength(4);
  });

  it('--failures with a failure model file runs its seeded schedule', () => {
    const model = join(ROOT, 'models', 'failures', 'stress-test.json');
    // 12 hosts x 3 days with a failure every 10 days per host: a few failures are expected.
    const result = rackplan('replay', '--trace', TRACE, '--failures', model, '--seed', '3', '--out', join(work, 'model'), '--json');
    expect(result.code, result.stderr).toBe(0);
    expect(JSON.parse(result.stdout).hostFailures).toBeGreaterThan(0);
    const run = JSON.parse(readFileSync(join(work, 'model', 'run.json'), 'utf8'));
    expect(run.files.some((f: { role: string }) => f.role === 'failure-model')).toBe(true);
  });

  it('--vms and --from/--to replay a part of the trace', () => {
    const out = join(work, 'window');
    const result = rackplan('replay', '--trace', TRACE, '--vms', '10', '--from', '3600', '--to', '90000', '--out', out, '--json');
    expect(result.code, result.stderr).toBe(0);
    const summary = JSON.parse(result.stdout);
    expect(summary.vms.total).toBe(10);
    expect(summary.simulatedSeconds).toBe(90_000 - 3600);
    expectBadInput(rackplan('replay', '--trace', TRACE, '--from', '100', '--to', '50', '--out', join(work, 'never')), join(work, 'never'), /^rackplan: --to: must be after --from \(100 s\)/);
  });

  it('--vms <file>: the listed VMs only, the list recorded among the inputs; a bad list is one line naming file and line', () => {
    const list = join(work, 'pick.txt');
    writeFileSync(list, '# two VMs of the default trace\nvm-00042\n\nvm-00007\n');
    const out = join(work, 'listed');
    const result = rackplan('replay', '--trace', TRACE, '--vms', list, '--out', out, '--json');
    expect(result.code, result.stderr).toBe(0);
    expect(JSON.parse(result.stdout).vms.total).toBe(2);
    expect(readFileSync(join(out, 'vms.csv'), 'utf8').split('\n').slice(1, 3).map((l) => l.split(',')[0])).toEqual(['vm-00007', 'vm-00042']);
    const run = JSON.parse(readFileSync(join(out, 'run.json'), 'utf8'));
    expect(run.files.map((f: { role: string }) => f.role)).toContain('vm-list');
    const never = join(work, 'never');
    writeFileSync(list, 'vm-00001\nvm-99999\n');
    expectBadInput(rackplan('replay', '--trace', TRACE, '--vms', list, '--out', never), never, /^rackplan: .*pick\.txt:2: unknown VM id "vm-99999": the trace has no VM of that id\n$/);
    writeFileSync(list, 'vm-00001\nvm-00002\nvm-00001\n');
    expectBadInput(rackplan('replay', '--trace', TRACE, '--vms', list, '--out', never), never, /^rackplan: .*pick\.txt:3: duplicate VM id "vm-00001" \(first on line 1\)\n$/);
    expectBadInput(rackplan('replay', '--trace', TRACE, '--vms', join(work, 'missing.txt'), '--out', never), never, /missing\.txt: no such file\n$/);
  });

  it('bad combinations and ids name the flag', () => {
    const out = join(work, 'never');
    expectBadInput(rackplan('replay', '--trace', TRACE, '--host-model', 'generic-2s-64c', '--out', out), out, /^rackplan: --hosts: --host-model and --hosts go together/);
    expectBadInput(rackplan('replay', '--trace', TRACE, '--host-model', 'nope', '--hosts', '2', '--out', out), out, /^rackplan: --host-model: unknown host model "nope"; valid: /);
    expectBadInput(rackplan('replay', '--trace', TRACE, '--hosts', '0', '--host-model', 'generic-2s-64c', '--out', out), out, /--hosts <n>' argument '0' is invalid/);
  });
});
