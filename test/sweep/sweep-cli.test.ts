import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { stopChild } from './helpers/redis-server.js';
import { rackplan, readSweep, requireBuild, ROOT, startRackplan, storedRuns, TINY_SWEEP, waitFor } from './helpers/sweep-cli.js';

let work: string;
let cache: string;

beforeAll(() => {
  requireBuild();
  work = mkdtempSync(join(tmpdir(), 'rackplan-sweep-cli-'));
  cache = join(work, 'cache');
});

describe('rackplan sweep on local threads', () => {
  it('gives the same sweep.json, sweep.html and runs with 1 and 2 workers, and reuses every run on a rerun', () => {
    const one = rackplan(cache, 'sweep', TINY_SWEEP, '--out', join(work, 'w1'), '--workers', '1');
    const two = rackplan(cache, 'sweep', TINY_SWEEP, '--out', join(work, 'w2'), '--workers', '2');
    expect(one.code, one.stderr).toBe(0);
    expect(two.code, two.stderr).toBe(0);
    for (const file of ['sweep.json', 'sweep.html']) expect(readFileSync(join(work, 'w2', file)), file).toEqual(readFileSync(join(work, 'w1', file)));
    const sweep = readSweep(join(work, 'w1'));
    expect(sweep).toMatchObject({ kind: 'sweep', name: 'tiny', runs: 6, sweep: 'tiny.json', scenario: '../scenarios/default.json' });
    // What one invocation did is printed, not stored: sweep.json is the same however it was made.
    expect(sweep).not.toHaveProperty('executed');
    expect(sweep.results.map((r: { parameters: object }) => r.parameters)).toEqual(
      ['best-fit', 'worst-fit', 'first-fit'].flatMap((policy) => [1, 2].map((seed) => ({ durationSeconds: 86400, 'placement.policy': policy, seed }))),
    );
    expect(sweep.results[0].metrics.energyKWh).toBeGreaterThan(0);
    for (const hash of storedRuns(join(work, 'w1'))) {
      expect(readFileSync(join(work, 'w2', 'runs', hash, 'summary.json')), hash).toEqual(readFileSync(join(work, 'w1', 'runs', hash, 'summary.json')));
    }
    expect(one.stderr).toContain('sweep tiny: 6 runs (6 executed, 0 reused)');

    const again = rackplan(cache, 'sweep', TINY_SWEEP, '--out', join(work, 'w1'), '--workers', '2', '--json');
    expect(again.code, again.stderr).toBe(0);
    expect(again.stderr).toContain('sweep tiny: 6 runs (0 executed, 6 reused)');
    expect(readFileSync(join(work, 'w1', 'sweep.json'), 'utf8')).toBe(readFileSync(join(work, 'w2', 'sweep.json'), 'utf8'));
    // --json prints sweep.json as written.
    expect(again.stdout).toBe(readFileSync(join(work, 'w1', 'sweep.json'), 'utf8'));
    const html = readFileSync(join(work, 'w1', 'sweep.html'), 'utf8');
    expect(html).toContain('http-equiv="Content-Security-Policy"');
    expect(html).not.toMatch(/<script|https?:\/\//i);
    expect(html).toContain(`data-hash="${sweep.results[5].hash}"`);
  });

  it('resumes a sweep killed mid-way (kill -9), running only the missing runs', async () => {
    // 3 policies x 4 seeds over the full 3 days: long enough to kill in the middle.
    const file = join(work, 'resume.json');
    const scenario = join(ROOT, 'models', 'scenarios', 'default.json');
    writeFileSync(file, JSON.stringify({ name: 'resume', scenario, parameters: { 'placement.policy': ['best-fit', 'worst-fit', 'balanced'], seed: [1, 2, 3, 4] } }));
    const out = join(work, 'resume');
    const first = startRackplan(cache, 'sweep', file, '--out', out, '--workers', '1');
    await waitFor(() => storedRuns(out).length >= 2 || first.child.exitCode !== null, 30_000, 'two stored runs');
    await stopChild(first.child, 'SIGKILL');
    const doneAtKill = storedRuns(out).length;
    expect(doneAtKill).toBeGreaterThanOrEqual(2);
    expect(doneAtKill, 'the sweep finished before it could be killed').toBeLessThan(12);
    expect(existsSync(join(out, 'sweep.json'))).toBe(false);

    const resumed = rackplan(cache, 'sweep', file, '--out', out, '--workers', '2');
    expect(resumed.code, resumed.stderr).toBe(0);
    const sweep = readSweep(out);
    expect(sweep.runs).toBe(12);
    expect(resumed.stderr).toContain(`sweep resume: 12 runs (${12 - doneAtKill} executed, ${doneAtKill} reused)`);
    expect(readdirSync(join(out, 'runs', '.partial'))).toEqual([]);

    const fresh = rackplan(cache, 'sweep', file, '--out', join(work, 'resume-fresh'), '--workers', '2');
    expect(fresh.code, fresh.stderr).toBe(0);
    expect(readSweep(join(work, 'resume-fresh')).results).toEqual(sweep.results);
  });

  it.each([
    [['sweep', join(ROOT, 'models', 'sweeps', 'no-such.json')], /no-such\.json: cannot read file/],
    [['sweep', '{bad}'], /\{bad\}: cannot read file/],
    [['sweep', TINY_SWEEP, '--queue', 'redis://127.0.0.1:6379', '--workers', '2'], /--workers runs the sweep here/],
    [['sweep', TINY_SWEEP, '--queue', 'http://example'], /--queue: expected a Redis URL/],
  ])('bad input %#: one line, exit 2, nothing written', (args, message) => {
    const out = join(work, `bad-${args.length}-${String(args[1]).length}-${String(args.at(-1)).length}`);
    const result = rackplan(cache, ...args, '--out', out);
    expect(result.code, result.stderr).toBe(2);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
    expect(result.stderr).toMatch(message);
    expect(existsSync(out)).toBe(false);
  });

  it('rejects a sweep naming an unknown policy before running anything', () => {
    const file = join(work, 'bad-policy.json');
    writeFileSync(file, JSON.stringify({ name: 'bad', scenario: join(ROOT, 'models', 'scenarios', 'default.json'), parameters: { 'placement.policy': ['best-fit', 'nope'] } }));
    const out = join(work, 'bad-policy');
    const result = rackplan(cache, 'sweep', file, '--out', out);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/bad-policy\.json: placement\.policy: run placement\.policy=nope: unknown placement policy "nope"; valid: /);
    expect(existsSync(out)).toBe(false);
  });
});
