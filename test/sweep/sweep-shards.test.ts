import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { rackplan, readSweep, requireBuild, ROOT, startRackplan, storedRuns, TINY_SWEEP } from './helpers/sweep-cli.js';

let work: string;
let cache: string;
let local: string;

beforeAll(() => {
  requireBuild();
  work = mkdtempSync(join(tmpdir(), 'rackplan-sweep-shards-'));
  cache = join(work, 'cache');
  local = join(work, 'local');
  const result = rackplan(cache, 'sweep', TINY_SWEEP, '--out', local, '--workers', '1');
  expect(result.code, result.stderr).toBe(0);
});

describe('rackplan sweep --shard and --collect (no broker)', () => {
  it('3 shard processes at once, then --collect: sweep.json byte for byte as the local sweep', async () => {
    const out = join(work, 'shared');
    const shards = [0, 1, 2].map((i) => startRackplan(cache, 'sweep', TINY_SWEEP, '--shard', `${i}/3`, '--out', out, '--workers', '1'));
    const codes = await Promise.all(shards.map((s) => s.exited));
    expect(codes, shards.map((s) => s.log()).join('\n')).toEqual([0, 0, 0]);
    // 6 runs dealt round-robin: 2 each, no run twice.
    for (const [i, shard] of shards.entries()) expect(shard.log()).toContain(`sweep tiny: shard ${i}/3: 2 runs (2 executed, 0 reused)`);
    expect(existsSync(join(out, 'sweep.json')), 'a shard writes no sweep.json').toBe(false);
    expect(storedRuns(out).sort()).toEqual(storedRuns(local).sort());

    const collect = rackplan(cache, 'sweep', TINY_SWEEP, '--collect', '--out', out);
    expect(collect.code, collect.stderr).toBe(0);
    expect(collect.stderr).toContain('sweep tiny: 6 of 6 runs stored;');
    expect(readFileSync(join(out, 'sweep.json'))).toEqual(readFileSync(join(local, 'sweep.json')));
    for (const hash of storedRuns(local)) {
      for (const file of ['summary.json', 'run.json', 'identity.json', 'timeseries.csv']) {
        expect(readFileSync(join(out, 'runs', hash, file)), `${hash}/${file}`).toEqual(readFileSync(join(local, 'runs', hash, file)));
      }
    }
  });

  it('--collect with a shard missing writes what exists, lists the missing runs and exits 3', () => {
    const out = join(work, 'partial');
    const shard = rackplan(cache, 'sweep', TINY_SWEEP, '--shard', '1/2', '--out', out, '--workers', '1');
    expect(shard.code, shard.stderr).toBe(0);
    const collect = rackplan(cache, 'sweep', TINY_SWEEP, '--collect', '--out', out);
    expect(collect.code, collect.stderr).toBe(3);
    expect(collect.stderr).toContain('sweep tiny: 3 of 6 runs stored, 3 missing;');
    const reference = readSweep(local);
    const sweep = readSweep(out);
    // Shard 1 of 2 holds runs 1, 3 and 5; 0, 2 and 4 are missing.
    expect(sweep.results).toEqual([1, 3, 5].map((i) => reference.results[i]));
    expect(sweep.missing.map((m: { index: number }) => m.index)).toEqual([0, 2, 4]);
    for (const i of [0, 2, 4]) {
      const { parameters: p, hash } = reference.results[i];
      expect(collect.stderr).toContain(`missing run ${i} durationSeconds=86400 placement.policy=${p['placement.policy']} seed=${p.seed} (${hash.slice(0, 12)})`);
    }
  });

  it.each([
    [['--shard', '3/3'], /--shard: expected i\/N with 0 <= i < N/],
    [['--shard', 'a/b'], /--shard: expected i\/N/],
    [['--collect', '--workers', '2'], /--collect runs nothing/],
    [['--shard', '0/2', '--queue', 'redis://127.0.0.1:1'], /--shard runs its share here/],
  ])('bad shard flags %#: one line, exit 2', (args, message) => {
    const out = join(work, `bad-${String(args[1]).replace(/\W/g, '')}`);
    const result = rackplan(cache, 'sweep', TINY_SWEEP, ...args, '--out', out);
    expect(result.code, result.stderr).toBe(2);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
    expect(result.stderr).toMatch(message);
  });
});

describe('a poisoned result', () => {
  it('a result stored under another run\'s hash is detected, moved aside, reported and run again', () => {
    const out = join(work, 'poisoned');
    cpSync(local, out, { recursive: true });
    const reference = readSweep(local);
    const [victim, donor] = [reference.results[0].hash, reference.results[3].hash];
    // The attack: a different run's files (other metrics) under a real run's hash.
    rmSync(join(out, 'runs', victim), { recursive: true });
    cpSync(join(out, 'runs', donor), join(out, 'runs', victim), { recursive: true });
    expect(readFileSync(join(out, 'runs', victim, 'summary.json'), 'utf8')).not.toBe(readFileSync(join(local, 'runs', victim, 'summary.json'), 'utf8'));

    const again = rackplan(cache, 'sweep', TINY_SWEEP, '--out', out, '--workers', '1');
    expect(again.code, again.stderr).toBe(0);
    expect(again.stderr).toMatch(new RegExp(`run durationSeconds=86400 placement.policy=best-fit seed=1 \\(${victim.slice(0, 12)}\\): stored result rejected, its identity.json hashes to ${donor}; moved to .*runs/.rejected/${victim}.0; running it again`));
    expect(again.stderr).toContain('sweep tiny: 6 runs (1 executed, 5 reused)');
    expect(readFileSync(join(out, 'sweep.json'))).toEqual(readFileSync(join(local, 'sweep.json')));
    expect(readFileSync(join(out, 'runs', victim, 'summary.json'))).toEqual(readFileSync(join(local, 'runs', victim, 'summary.json')));
    expect(readdirSync(join(out, 'runs', '.rejected'))).toEqual([`${victim}.0`]);
  });

  it('--collect does not count a run whose identity is missing', () => {
    const out = join(work, 'no-identity');
    cpSync(local, out, { recursive: true });
    const hash = readSweep(local).results[2].hash;
    rmSync(join(out, 'runs', hash, 'identity.json'));
    const collect = rackplan(cache, 'sweep', TINY_SWEEP, '--collect', '--out', out);
    expect(collect.code).toBe(3);
    expect(collect.stderr).toContain(`(${hash.slice(0, 12)}): stored result rejected, identity.json is missing or unreadable`);
    expect(readSweep(out).missing).toHaveLength(1);
  });
});

describe('inputs that are not files', () => {
  it('a sweep over /dev/zero as a trace is refused before anything runs', () => {
    const file = join(work, 'zero.json');
    writeFileSync(file, JSON.stringify({ name: 'zero', scenario: join(ROOT, 'models', 'scenarios', 'default.json'), parameters: { 'trace.path': ['/dev/zero'] } }));
    const out = join(work, 'zero');
    const result = rackplan(cache, 'sweep', file, '--out', out);
    expect(result.code).toBe(2);
    expect(result.stderr).toBe('rackplan: /dev/zero: run trace.path=/dev/zero: a device or special file; only regular files and folders are inputs\n');
    expect(storedRuns(out)).toEqual([]);
  });

  it('a replay of /dev/zero is refused at once', () => {
    const out = join(work, 'zero-replay');
    const result = rackplan(cache, 'replay', '--trace', '/dev/zero', '--format', 'csv', '--out', out);
    expect(result.code).toBe(2);
    expect(result.stderr).toBe('rackplan: /dev/zero: a device or special file, not a trace; give a regular file or folder\n');
    expect(existsSync(out)).toBe(false);
  });
});
