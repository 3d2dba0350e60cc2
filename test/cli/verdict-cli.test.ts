import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { CLI, ROOT, runCli } from '../helpers/cli.js';
import { SHARED_TRACES } from '../traces/helpers/fixture-tools.js';

let work: string;
const rackplan = (...args: string[]) => runCli(join(work, 'cache'), ...args);

beforeAll(() => {
  if (!existsSync(CLI)) throw new Error('dist/ is missing: npm test builds it first (npm run build)');
  work = mkdtempSync(join(tmpdir(), 'rackplan-verdict-'));
});

describe('replay ends with a verdict', () => {
  it('a clean run prints its answer and no warning; --strict exits 0', () => {
    const result = rackplan('replay', '--scenario', join(ROOT, 'models', 'scenarios', 'default.json'), '--out', join(work, 'default'), '--strict');
    expect(result.code).toBe(0);
    expect(result.stderr).toMatch(/^replay default: \d+ of 12 hosts on at peak carried 100 of 100 VMs; 0% of CPU demand unmet; [\d.]+ kWh\.\n/);
    expect(result.stderr).not.toContain('WARNING');
  });
});

// Two VMs of 2,000 MHz over 900 s; b asks 3,000 MHz for the first 600 s: 1,000 MHz above its size
// for 600 s = 166.7 MHz-h of 666.7 MHz-h demand (25%), which no number of hosts serves.
const ABOVE_SIZE_CSV =
  'timestamp_s,vm_id,cpu_usage_mhz,cpu_cores,cpu_capacity_mhz,memory_usage_mib,memory_capacity_mib\n' +
  '0,a,500,1,2000,512,1024\n0,b,3000,1,2000,512,1024\n300,a,500,1,2000,512,1024\n300,b,3000,1,2000,512,1024\n600,a,500,1,2000,512,1024\n600,b,500,1,2000,512,1024\n';

describe('report, compare and plan end with a verdict too; --strict exits 3 on warnings', () => {
  const trace = () => {
    const path = join(work, 'above.csv');
    writeFileSync(path, ABOVE_SIZE_CSV);
    return path;
  };

  it('report <dir> prints the run verdict of the recorded run', () => {
    const out = join(work, 'above-run');
    expect(rackplan('replay', '--trace', trace(), '--format', 'csv', '--out', out).code).toBe(0);
    const result = rackplan('report', out, '--strict');
    expect(result.code).toBe(3);
    expect(result.stderr).toMatch(/^report adhoc: \d+ of 12 hosts on at peak carried 2 of 2 VMs; 25\.0% of CPU demand unmet; [\d.]+ kWh\.\n  WARNING: 25\.0% of CPU demand went unmet \(167 MHz·h\): 25\.0% above the VMs' own size/);
    expect(result.stderr).toContain(`report at ${join(out, 'report.html')}`);
    expect(rackplan('report', out).code).toBe(0);
  });

  it('compare: the best within the SLA, a warning per scenario with unmet demand', () => {
    const out = join(work, 'above-compare');
    const result = rackplan('compare', '--trace', trace(), '--format', 'csv', '--scenarios', 'physical,elastic', '--out', out, '--strict');
    expect(result.code).toBe(3);
    // elastic lets b burst above its size into the host's idle capacity: nothing unmet.
    expect(result.stderr).toContain('compare adhoc: Best within the SLA (unmet <= 0.10%) of 2 scenarios: Elastic, 1 server, ');
    expect(result.stderr).toContain("  WARNING: physical: 25.0% of CPU demand went unmet (25.0% above the VMs' own size (no number of hosts serves it)).");
    expect(readFileSync(join(out, 'compare.html'), 'utf8')).toContain('<li>physical: 25.0% of CPU demand went unmet');
  });

  it('plan: the SLO not met within --max-hosts is a warning with the nearest miss', () => {
    const out = join(work, 'above-plan');
    const result = rackplan('plan', '--trace', trace(), '--format', 'csv', '--slo', 'unmetFraction<=0.001', '--host-models', 'generic-2s-64c', '--max-hosts', '4', '--workers', '1', '--out', out, '--strict');
    expect(result.code).toBe(3);
    expect(result.stderr.split('\n')[0]).toBe('plan: No host model met the SLO "unmetFraction<=0.001" in 1 of 1 seeded runs for the workload as traced within 4 hosts.');
    expect(result.stderr).toContain('  WARNING: generic-2s-64c, growth 1: the SLO "unmetFraction<=0.001" was not met within 4 hosts; nearest miss 1 hosts (SLO held in 0 of 1 runs, unmet 25.00%).');
    expect(readFileSync(join(out, 'plan.html'), 'utf8')).toContain('data-seeds-collapsed');
  });
});

const present = existsSync(join(SHARED_TRACES, 'README.md'));
if (!present) console.log(`verdict-cli: real-trace runs skipped - ${SHARED_TRACES} does not exist (the shared real traces are not installed here)`);

// VM counts from ../shared/traces/README.md and the readers' real-trace tests.
describe.skipIf(!present)('runs on shared traces that leave VMs unplaced say so on the terminal', () => {
  it.each([
    ['alibaba-v2018', 16, 16],
    ['google-2011-2', 29_175, 33_348],
    ['alibaba-gpu-v2023', 7_064, 8_152],
    // The other shared trace that leaves VMs unplaced: 420 jobs ask for more CPU than any default host has.
    ['swf/NASA-iPSC-1993-3.1-cln.swf', 420, 18_239],
  ])('%s: %i of %i VMs never placed; --strict exits 3; the report agrees', (dir, unplaced, total) => {
    const out = join(work, dir.split('/')[0]!);
    const result = rackplan('replay', '--trace', join(SHARED_TRACES, dir), '--out', out, '--strict');
    expect(result.code).toBe(3);
    const fmt = (n: number) => n.toLocaleString('en-US');
    expect(result.stderr).toContain(`  WARNING: ${fmt(unplaced)} of ${fmt(total)} VMs were never placed (`);
    expect(result.stderr).toMatch(/WARNING: [\d.]+% of CPU demand went unmet \([\d,]+ MHz·h\): [\d.]+% by VMs never placed/);
    const summary = JSON.parse(readFileSync(join(out, 'summary.json'), 'utf8'));
    expect(summary.vms.unplaced).toBe(unplaced);
    const html = readFileSync(join(out, 'report.html'), 'utf8');
    expect(html).toContain(`<li>${fmt(unplaced)} of ${fmt(total)} VMs were never placed (`);
  });

  it('Alibaba 2018: nothing placed, so availability is undefined (not 100.000%)', () => {
    const out = join(work, 'alibaba-v2018');
    const summary = JSON.parse(readFileSync(join(out, 'summary.json'), 'utf8'));
    expect(summary.vms.placed).toBe(0);
    expect(summary.availability).toBeNull();
    const html = readFileSync(join(out, 'report.html'), 'utf8');
    expect(html).toContain('<span data-metric="availability">undefined</span>');
  });

  it('Bitbrains fastStorage: the unmet floor is demand above the VMs\' own size, and the terminal says so', () => {
    const out = join(work, 'faststorage');
    const result = rackplan('replay', '--trace', join(SHARED_TRACES, 'bitbrains-faststorage-opendc', 'bitbrains-small'), '--out', out, '--json');
    expect(result.code).toBe(0);
    const summary = JSON.parse(result.stdout);
    const c = summary.cpu.unmetCauses;
    // 1.73% of demand unmet, nearly all of it above size: no number of hosts removes it.
    expect(summary.cpu.unmetFraction).toBeCloseTo(0.0173, 3);
    expect(c.aboveSizeMHzHours / summary.cpu.unmetMHzHours).toBeGreaterThan(0.99);
    expect(result.stderr).toMatch(/1\.7% above the VMs' own size \(no number of hosts serves it\)/);
  });
});
