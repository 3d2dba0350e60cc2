import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '..', '..');
const CLI = join(ROOT, 'dist', 'cli', 'main.js');
const SCENARIO = join(ROOT, 'models', 'scenarios', 'default.json');
const FAILURES = join(ROOT, 'models', 'failures', 'lanl-weibull-lognormal.json');

let work: string;

function rackplan(...args: string[]) {
  const result = spawnSync(process.execPath, [CLI, ...args, '--cache-dir', join(work, 'cache')], { encoding: 'utf8' });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

beforeAll(() => {
  if (!existsSync(CLI)) throw new Error('dist/ is missing: npm test builds it first (npm run build)');
  work = mkdtempSync(join(tmpdir(), 'rackplan-plan-cli-'));
});

describe('rackplan plan', () => {
  it('writes the same plan.json and plan.html with 1 and 2 workers', () => {
    const args = ['plan', '--scenario', SCENARIO, '--slo', 'unmetFraction<=0.001', '--host-models', 'dell-poweredge-r740', '--seeds', '2', '--failures', FAILURES];
    const one = rackplan(...args, '--workers', '1', '--out', join(work, 'w1'));
    const two = rackplan(...args, '--workers', '2', '--out', join(work, 'w2'));
    expect(one.code, one.stderr).toBe(0);
    expect(two.code, two.stderr).toBe(0);
    for (const file of ['plan.json', 'plan.html']) expect(readFileSync(join(work, 'w2', file)), file).toEqual(readFileSync(join(work, 'w1', file)));
    const plan = JSON.parse(readFileSync(join(work, 'w1', 'plan.json'), 'utf8'));
    expect(plan.kind).toBe('capacity-plan');
    expect(plan.inputs.failures).toEqual({ model: FAILURES });
    expect(plan.recommendation.hostModel).toBe('dell-poweredge-r740');
    expect(one.stderr).toContain(plan.sentence);
    const html = readFileSync(join(work, 'w1', 'plan.html'), 'utf8');
    expect(html).toContain('http-equiv="Content-Security-Policy"');
    expect(html).not.toMatch(/<script|https?:\/\//i);
    expect(html).toContain('data-threshold="0.95"');
  });

  it.each([
    [['--slo', 'unmetFraction<=0.001'], /plan needs either --scenario <file> or --trace <path> with --slo <expr>, or --portfolio <file>/],
    [['--scenario', SCENARIO], /--slo: plan needs --slo <expr>/],
    [['--scenario', SCENARIO, '--slo', 'unmetFraction=<0.1'], /^rackplan: slo: expected a comparison \(<=, >=, ==, <, >\) at column 14, found "=<0.1"/],
    [['--scenario', SCENARIO, '--slo', 'uptimeNines>=3', '--seeds', '1'], /slo: "uptimeNines" is not a metric of the run summary; valid: .*unmetFraction/],
    [['--scenario', SCENARIO, '--slo', 'unmetFraction<=0.1', '--host-models', 'nope'], /host-models: unknown host model "nope"; valid: /],
    [['--scenario', SCENARIO, '--slo', 'unmetFraction<=0.1', '--growth', '1,0'], /expected numbers > 0, found "0"/],
  ])('bad input %#: one line, exit 2, nothing written', (args, message) => {
    const out = join(work, `bad-${Math.abs(JSON.stringify(args).length)}-${args.length}`);
    const result = rackplan('plan', ...args, '--workers', '2', '--out', out);
    expect(result.code).toBe(2);
    expect(result.stderr.trim().split('\n').filter((l) => !l.startsWith('(add --help'))).toHaveLength(1);
    expect(result.stderr).toMatch(message);
    expect(existsSync(out)).toBe(false);
  });
});

describe('rackplan plan gives the answers it found', () => {
  it("README's example: the answers at growth 1 and the nearest misses at 1.5 reach the terminal; one seed, not 5", () => {
    const out = join(work, 'readme');
    const result = rackplan('plan', '--scenario', SCENARIO, '--slo', 'unmetFraction<=0.001', '--host-models', 'dell-poweredge-r740,generic-2s-64c', '--growth', '1,1.5', '--seeds', '5', '--workers', '2', '--out', out);
    expect(result.code).toBe(0);
    const lines = result.stderr.split('\n');
    expect(lines[0]).toBe('plan: No host model met the SLO "unmetFraction<=0.001" in 1 of 1 seeded runs for 1.5x the workload (demand scaled) within 1,024 hosts. For the workload as traced, use 3 x generic-2s-64c.');
    expect(lines[1]).toMatch(/^ {2}1 seeded run per count, not 5: nothing in this scenario is random/);
    expect(lines).toContain('  dell-poweredge-r740, growth 1: 5 hosts (SLO held in 1 of 1 runs, unmet 0.00%)');
    expect(lines).toContain('  generic-2s-64c, growth 1: 3 hosts (SLO held in 1 of 1 runs, unmet 0.00%)');
    const miss = lines.find((l) => l.startsWith('  generic-2s-64c, growth 1.5: '))!;
    expect(miss).toMatch(/none within 1,024 hosts; nearest miss \d+ hosts \(SLO held in 0 of 1 runs, unmet 4\.52%\); 1,024 hosts leave the same unmet demand as 512, so more hosts will not help/);
    const plan = JSON.parse(readFileSync(join(out, 'plan.json'), 'utf8'));
    expect(plan.inputs.seeds).toEqual([1]);
    expect(plan.inputs.seedsRequested).toBe(5);
  });

  it('--trace without a scenario file, and --json prints plan.json', () => {
    const out = join(work, 'trace-only');
    const trace = join(ROOT, 'traces', 'default', 'bitbrains-like-100vms-3d.csv.gz');
    const result = rackplan('plan', '--trace', trace, '--format', 'csv', '--slo', 'unmetFraction<=0.001', '--host-models', 'generic-2s-64c', '--workers', '1', '--json', '--out', out);
    expect(result.code).toBe(0);
    const plan = JSON.parse(result.stdout);
    expect(plan).toEqual(JSON.parse(readFileSync(join(out, 'plan.json'), 'utf8')));
    expect(plan.inputs.scenario).toBeNull();
    expect(plan.recommendation).toEqual({ hostModel: 'generic-2s-64c', growth: 1, hosts: 3, costUsd: 66_000 });
  });
});
