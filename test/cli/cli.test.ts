import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { beforeAll, describe, expect, it } from 'vitest';
import { CLI, expectBadInput, ROOT, runCli } from '../helpers/cli.js';

const rackplan = (...args: string[]) => runCli(cacheDir, ...args);
const DEFAULT_SCENARIO = join(ROOT, 'models', 'scenarios', 'default.json');

let work: string;
let cacheDir: string;

beforeAll(() => {
  if (!existsSync(CLI)) throw new Error('dist/ is missing: npm test builds it first (npm run build)');
  work = mkdtempSync(join(tmpdir(), 'rackplan-cli-'));
  cacheDir = join(work, 'cache');
});


describe('rackplan replay', () => {
  it('writes the same bytes twice for the same inputs and seed', () => {
    const a = join(work, 'det-a');
    const b = join(work, 'det-b');
    expect(rackplan('replay', '--scenario', DEFAULT_SCENARIO, '--out', a).code).toBe(0);
    expect(rackplan('replay', '--scenario', DEFAULT_SCENARIO, '--out', b, '--cache-dir', 'none').code).toBe(0);
    const files = readdirSync(a).sort();
    expect(files).toEqual(['host-utilization.csv', 'hosts.csv', 'io-hosts.csv', 'io-timeseries.csv', 'io-vms.csv', 'outages.csv', 'report.html', 'run.json', 'summary.json', 'timeseries.csv', 'vms.csv']);
    for (const file of files) expect(readFileSync(join(b, file)), file).toEqual(readFileSync(join(a, file)));
  });

  it('prints summary.json with the documented keys on --json', () => {
    const result = rackplan('replay', '--scenario', DEFAULT_SCENARIO, '--out', join(work, 'json'), '--json');
    expect(result.code).toBe(0);
    const summary = JSON.parse(result.stdout);
    for (const key of ['simulatedSeconds', 'hosts.total', 'hosts.activeMean', 'vms.total', 'vms.placed', 'vms.unplaced', 'cpu.demandMHzHours', 'cpu.servedMHzHours', 'cpu.unmetMHzHours', 'cpu.utilizationMean', 'energyKWh', 'migrations', 'hostFailures', 'vmRestarts']) {
      const value = key.split('.').reduce((o, k) => o?.[k], summary);
      expect(typeof value, key).toBe('number');
    }
    expect(summary.vms.total).toBe(100);
    expect(JSON.parse(readFileSync(join(work, 'json', 'summary.json'), 'utf8'))).toEqual(summary);
  });

  it('flags override the scenario file', () => {
    const result = rackplan('replay', '--scenario', DEFAULT_SCENARIO, '--placement', 'worst-fit', '--out', join(work, 'wf'), '--json');
    const run = JSON.parse(readFileSync(join(work, 'wf', 'run.json'), 'utf8'));
    expect(run.placement).toBe('worst-fit');
    // Paths are recorded relative to the scenario file: the same bytes from any folder or checkout.
    expect(run.trace.path).toBe('../../traces/default/bitbrains-like-100vms-3d.csv.gz');
    expect(run.files.map((f: { path: string }) => f.path)).toContain('../topologies/default.json');
    // Spreading 100 VMs keeps more hosts on than best fit does.
    const best = JSON.parse(readFileSync(join(work, 'json', 'summary.json'), 'utf8'));
    expect(JSON.parse(result.stdout).hosts.activeMean).toBeGreaterThan(best.hosts.activeMean);
  });

  it('rejects bad input with one line naming file, line and field, exit 2, no output', () => {
    const out = join(work, 'never');
    expectBadInput(rackplan('replay', '--trace', join(work, 'missing.csv'), '--out', out), out, /missing\.csv/);
    expectBadInput(rackplan('replay', '--scenario', DEFAULT_SCENARIO, '--placement', 'random-fit', '--out', out), out, /unknown placement policy "random-fit"; valid: .*best-fit/);
    expectBadInput(rackplan('replay', '--scenario', DEFAULT_SCENARIO, '--bogus', '--out', out), out, /unknown option/);
    const badJson = join(work, 'bad-scenario.json');
    writeFileSync(badJson, '{\n  "name": "x",\n  "trace": { "path": "t.csv" ,,}\n}\n');
    expectBadInput(rackplan('replay', '--scenario', badJson, '--out', out), out, /bad-scenario\.json:3: invalid JSON/);
    const badField = join(work, 'bad-field.json');
    writeFileSync(badField, JSON.stringify({ name: 'x', trace: { path: 't.csv' }, topology: 't.json', sharing: { mode: 'wobbly' } }));
    expectBadInput(rackplan('replay', '--scenario', badField, '--out', out), out, /bad-field\.json: sharing\.mode: .*"fixed"|fixed/);
    const badTrace = join(work, 'bad-trace.csv');
    writeFileSync(badTrace, 'vm_id,timestamp_s,cpu_cores,cpu_capacity_mhz,cpu_usage_mhz,memory_capacity_mib,memory_usage_mib\nvm1,0,1,1000,50,1024,512\nvm1,300,1,1000,lots,1024,512\n');
    expectBadInput(rackplan('replay', '--trace', badTrace, '--format', 'csv', '--out', out), out, /bad-trace\.csv:3.*cpu_usage_mhz/);
  });
});

describe('rackplan report', () => {
  it('re-renders the same report from the recorded files', () => {
    const dir = join(work, 'det-a');
    const before = readFileSync(join(dir, 'report.html'), 'utf8');
    expect(rackplan('report', dir).code).toBe(0);
    expect(readFileSync(join(dir, 'report.html'), 'utf8')).toBe(before);
  });

  it('refuses a run folder with missing or corrupt files', () => {
    const empty = mkdtempSync(join(work, 'empty-'));
    expectBadInput(rackplan('report', empty), join(empty, 'report.html'), /summary\.json: missing file/);
    const corrupt = join(work, 'corrupt');
    expect(rackplan('replay', '--scenario', DEFAULT_SCENARIO, '--out', corrupt).code).toBe(0);
    const hosts = readFileSync(join(corrupt, 'hosts.csv'), 'utf8').split('\n');
    hosts[2] = hosts[2]!.replace(/,[0-9.]+$/, ',NaNny');
    writeFileSync(join(corrupt, 'hosts.csv'), hosts.join('\n'));
    const result = rackplan('report', corrupt);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/hosts\.csv:3: energy_kwh: not a number/);
  });
});

describe('rackplan synth and validate', () => {
  it('regenerates the shipped default trace exactly from its seed', () => {
    const out = join(work, 'synth.csv');
    expect(rackplan('synth', '--vms', '100', '--days', '3', '--seed', '1', '--out', out).code).toBe(0);
    const shipped = gunzipSync(readFileSync(join(ROOT, 'traces', 'default', 'bitbrains-like-100vms-3d.csv.gz'))).toString('utf8');
    expect(readFileSync(out, 'utf8')).toBe(shipped);
  });

  it('validates a file on the command line, with --json (every shipped file: test/cli/validate-file.test.ts, in-process)', () => {
    const file = join(ROOT, 'models', 'portfolios', 'default-small.json');
    expect(rackplan('validate', file).stdout).toBe(`ok: ${file} is a valid portfolio\n`);
    const json = rackplan('validate', join(ROOT, 'models', 'scenarios', 'compare-default.json'), '--json');
    expect(json.code).toBe(0);
    expect(JSON.parse(json.stdout)).toEqual({ file: join(ROOT, 'models', 'scenarios', 'compare-default.json'), kind: 'compare', valid: true });
  });

  it('names the unknown host model and the valid ones', () => {
    const topology = join(work, 'topologies', 'bad.json');
    mkdirSync(join(work, 'topologies'), { recursive: true });
    writeFileSync(topology, JSON.stringify({ id: 'bad', name: 'b', hypervisor: 'kvm', clusters: [{ id: 'c', racks: [{ id: 'r', hosts: [{ model: 'cray-1', count: 2 }] }] }] }));
    const result = rackplan('validate', topology);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/clusters\[0\]\.racks\[0\]\.hosts\[0\]\.model: unknown host model "cray-1"; valid: .*dell-poweredge-r740/);
  });
});
