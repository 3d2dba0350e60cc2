import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { RunResult } from '../../src/metrics/run-result.js';
import { loadScenario } from '../../src/scenario/load-scenario.js';
import { runScenario } from '../../src/scenario/run-scenario.js';
import { IDENTITY_FILE, RunStore } from '../../src/sweep/run-store.js';
import { runHash, type RunIdentity } from '../../src/sweep/run-identity.js';

const SCENARIO = join(import.meta.dirname, '..', '..', 'models', 'scenarios', 'default.json');
const IDENTITY: RunIdentity = { rackplanVersion: 'test', scenario: { seed: 1 }, models: {} };
const HASH = 'a'.repeat(64);

let result: RunResult;

beforeAll(async () => {
  result = await runScenario(loadScenario(SCENARIO, { durationSeconds: 3600 }));
});

function store(): RunStore {
  return new RunStore(mkdtempSync(join(tmpdir(), 'rackplan-run-store-')));
}

describe('the run store', () => {
  it('stores a run as a complete folder named by its hash', () => {
    const s = store();
    expect(s.isDone(HASH)).toBe(false);
    expect(s.write(HASH, IDENTITY, result, 'test.1')).toBe(true);
    expect(s.isDone(HASH)).toBe(true);
    expect(readdirSync(s.runDir(HASH))).toEqual(expect.arrayContaining(['hosts.csv', IDENTITY_FILE, 'run.json', 'summary.json', 'timeseries.csv', 'vms.csv']));
    expect(JSON.parse(readFileSync(join(s.runDir(HASH), IDENTITY_FILE), 'utf8'))).toEqual(IDENTITY);
    expect(s.readSummary(HASH)).toEqual(JSON.parse(JSON.stringify(result.summary)));
    expect(readdirSync(join(s.runsDir, '.partial'))).toEqual([]);
  });

  it('keeps the first writer of a run and reports the second as not written', () => {
    const s = store();
    expect(s.write(HASH, IDENTITY, result, 'first.1')).toBe(true);
    const before = readFileSync(join(s.runDir(HASH), 'summary.json'));
    expect(s.write(HASH, { ...IDENTITY, rackplanVersion: 'other' }, result, 'second.1')).toBe(false);
    expect(readFileSync(join(s.runDir(HASH), 'summary.json'))).toEqual(before);
    expect(JSON.parse(readFileSync(join(s.runDir(HASH), IDENTITY_FILE), 'utf8')).rackplanVersion).toBe('test');
  });

  it('never counts a partial folder (a writer killed mid-write) as done, and clears it once the run is', () => {
    const s = store();
    const orphan = join(s.runsDir, '.partial', `${HASH}.killed-host.123.t0.0`);
    mkdirSync(orphan, { recursive: true });
    writeFileSync(join(orphan, 'summary.json'), '{"half":');
    expect(s.isDone(HASH)).toBe(false);
    expect(s.removePartials(new Set([HASH]))).toBe(0);
    expect(existsSync(orphan)).toBe(true);
    s.write(HASH, IDENTITY, result, 'retry.1');
    expect(s.removePartials(new Set(['b'.repeat(64)]))).toBe(0);
    expect(s.removePartials(new Set([HASH]))).toBe(1);
    expect(existsSync(orphan)).toBe(false);
  });

  it('checks a stored run against its name: sound, absent, or rejected with the reason', () => {
    const s = store();
    const hash = runHash(IDENTITY);
    expect(s.check(hash)).toEqual({ state: 'absent' });
    s.write(hash, IDENTITY, result, 'sound.1');
    expect(s.check(hash)).toEqual({ state: 'ok' });
    // Stored under a hash that is not its identity's: a misplaced or forged result.
    s.write(HASH, IDENTITY, result, 'forged.1');
    expect(s.check(HASH)).toEqual({ state: 'rejected', reason: `its ${IDENTITY_FILE} hashes to ${hash}` });
    writeFileSync(join(s.runDir(hash), IDENTITY_FILE), 'x'.repeat(2 << 20));
    expect(s.check(hash)).toEqual({ state: 'rejected', reason: `${IDENTITY_FILE} is larger than 1048576 bytes` });
  });

  it('moves a rejected run aside, numbering repeats, so that it can be run again', () => {
    const s = store();
    s.write(HASH, IDENTITY, result, 'forged.1');
    expect(s.reject(HASH)).toBe(join(s.runsDir, '.rejected', `${HASH}.0`));
    expect(s.check(HASH)).toEqual({ state: 'absent' });
    s.write(HASH, IDENTITY, result, 'forged.2');
    expect(s.reject(HASH)).toBe(join(s.runsDir, '.rejected', `${HASH}.1`));
    expect(readdirSync(join(s.runsDir, '.rejected')).sort()).toEqual([`${HASH}.0`, `${HASH}.1`]);
  });
});
