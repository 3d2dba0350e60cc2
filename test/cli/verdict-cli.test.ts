import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
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

const present = existsSync(join(SHARED_TRACES, 'README.md'));
if (!present) console.log(`verdict-cli: real-trace runs skipped - ${SHARED_TRACES} does not exist (the shared real traces are not installed here)`);

// VM counts from ../shared/traces/README.md and the readers' real-trace tests.
describe.skipIf(!present)('runs on shared traces that leave VMs unplaced say so on the terminal', () => {
  it.each([
    ['alibaba-v2018', 16, 16],
    ['google-2011-2', 29_175, 33_348],
    ['alibaba-gpu-v2023', 7_064, 8_152],
  ])('%s: %i of %i VMs never placed; --strict exits 3; the report agrees', (dir, unplaced, total) => {
    const out = join(work, dir);
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
