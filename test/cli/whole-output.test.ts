import { spawn } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { CLI, ROOT, runCli } from '../helpers/cli.js';

/**
 * Whole outputs: a replay over an older run, killed (kill -9) at 50 moments spread over its
 * life, leaves the folder entirely old or entirely new, never report.html of one run next to
 * summary.json of another. And the same run gives the same bytes from any working directory.
 */
let work: string;
let cacheDir: string;
let scenario: string;
const TRIES = 50;

beforeAll(() => {
  if (!existsSync(CLI)) throw new Error('dist/ is missing: npm test builds it first (npm run build)');
  work = mkdtempSync(join(tmpdir(), 'rackplan-whole-output-'));
  cacheDir = join(work, 'cache');
  // A small run (the default workload's first 6 hours) keeps 50 tries short.
  scenario = join(work, 'small.json');
  const trace = join(ROOT, 'traces', 'default', 'bitbrains-like-100vms-3d.csv.gz');
  writeFileSync(scenario, JSON.stringify({ name: 'small', trace: { path: trace, format: 'csv' }, topology: join(ROOT, 'models', 'topologies', 'default.json'), durationSeconds: 21600, reportIntervalSeconds: 300 }));
});

/** Every file of a folder, by name. */
function snapshot(dir: string): Map<string, string> {
  return new Map(readdirSync(dir).sort().map((name) => [name, readFileSync(join(dir, name), 'utf8')]));
}

function same(a: Map<string, string>, b: Map<string, string>): boolean {
  return a.size === b.size && [...a].every(([name, text]) => b.get(name) === text);
}

function replay(out: string, placement: string) {
  return runCli(cacheDir, 'replay', '--scenario', scenario, '--placement', placement, '--out', out);
}

/**
 * When try `i` kills, as a fraction of a whole replay's life: most tries in its last part, where
 * the files are written, a few before and after, and some well past the end so that on a busy
 * machine too some kills land after the swap.
 */
function killAt(i: number): number {
  if (i < 10) return 0.3 + (0.4 * i) / 10;
  if (i < 40) return 0.7 + (0.45 * (i - 10)) / 30;
  return 1.15 + (0.85 * (i - 40)) / 10;
}

/** Starts a replay, kills it with SIGKILL after `delayMs`, resolves once it is gone. */
function killedReplay(out: string, delayMs: number): Promise<void> {
  const child = spawn(process.execPath, [CLI, 'replay', '--scenario', scenario, '--placement', 'worst-fit', '--out', out], { env: { ...process.env, RACKPLAN_CACHE_DIR: cacheDir }, stdio: 'ignore' });
  return new Promise((resolve) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), delayMs);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
  });
}

describe('whole output folders', () => {
  it(`a replay killed at ${TRIES} moments leaves its folder entirely old or entirely new`, async () => {
    const old = join(work, 'ref-old');
    const fresh = join(work, 'ref-new');
    let start = Date.now();
    expect(replay(old, 'best-fit').code).toBe(0);
    const oldMs = Date.now() - start;
    start = Date.now();
    expect(replay(fresh, 'worst-fit').code).toBe(0);
    const lifeMs = Math.max(oldMs, Date.now() - start);
    const before = snapshot(old);
    const after = snapshot(fresh);
    for (const file of ['summary.json', 'report.html', 'hosts.csv']) expect(before.get(file), file).not.toBe(after.get(file));

    const target = join(work, 'target');
    const seen = { old: 0, new: 0, gap: 0, mixed: [] as string[] };
    for (let i = 0; i < TRIES; i++) {
      rmSync(target, { recursive: true, force: true });
      cpSync(old, target, { recursive: true });
      await killedReplay(target, Math.round(lifeMs * killAt(i)));
      if (!existsSync(target)) {
        // Killed between the two renames: the old folder is whole beside it, put back by the next write.
        const beside = readdirSync(work).filter((name) => name.startsWith('.target.old-'));
        expect(beside).toHaveLength(1);
        expect(same(snapshot(join(work, beside[0]!)), before)).toBe(true);
        seen.gap++;
      } else {
        const now = snapshot(target);
        if (same(now, before)) seen.old++;
        else if (same(now, after)) seen.new++;
        else seen.mixed.push(`try ${i}: ${[...now.keys()].join(' ')}`);
      }
      for (const name of readdirSync(work).filter((n) => n.startsWith('.target.'))) rmSync(join(work, name), { recursive: true, force: true });
    }
    console.info(`whole-output kill loop: ${JSON.stringify({ ...seen, mixed: seen.mixed.length, lifeMs })}`);
    expect(seen.mixed).toEqual([]);
    expect(seen.old + seen.new + seen.gap).toBe(TRIES);
    // The kills landed before and after the swap, so the loop tested both sides of it.
    expect(seen.old).toBeGreaterThan(0);
    expect(seen.new).toBeGreaterThan(0);
  }, 240_000);

  it('refuses to replace a folder holding files it did not write, and the working directory', () => {
    const mine = join(work, 'mine');
    mkdirSync(mine);
    writeFileSync(join(mine, 'notes.txt'), 'keep me');
    const result = runCli(cacheDir, 'replay', '--scenario', scenario, '--out', mine);
    expect(result.code).toBe(2);
    expect(result.stderr).toBe(`rackplan: ${mine}: --out: holds files this command did not write ("notes.txt"); it is replaced as a whole, so give a new folder or one of its own outputs\n`);
    expect(readFileSync(join(mine, 'notes.txt'), 'utf8')).toBe('keep me');
    const here = runCli(cacheDir, 'replay', '--scenario', scenario, '--out', '.');
    expect(here.code).toBe(2);
    expect(here.stderr).toMatch(/--out: the output folder would contain the working directory/);
  });

  it('compare and plan swap their folders too: they refuse a folder of other files before running', () => {
    const mine = join(work, 'mine-too');
    mkdirSync(mine);
    writeFileSync(join(mine, 'summary.json'), '{}');
    const compare = runCli(cacheDir, 'compare', '--spec', join(ROOT, 'models', 'scenarios', 'compare-default.json'), '--out', mine);
    expect(compare.code).toBe(2);
    expect(compare.stderr).toMatch(/--out: holds files this command did not write \("summary\.json"\)/);
    const plan = runCli(cacheDir, 'plan', '--scenario', scenario, '--slo', 'unmetFraction<=0.01', '--out', mine);
    expect(plan.code).toBe(2);
    expect(plan.stderr).toMatch(/--out: holds files this command did not write \("summary\.json"\)/);
    expect(readdirSync(mine)).toEqual(['summary.json']);
  });
});
