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
    [['--slo', 'unmetFraction<=0.001'], /plan needs either --scenario <file> with --slo <expr>, or --portfolio <file>/],
    [['--scenario', SCENARIO], /plan --scenario needs --slo <expr>/],
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
