import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { sha256Hex } from '../../src/common/checksum.js';
import { BUILTIN_MODELS_DIR, loadCatalog } from '../../src/model/catalog.js';
import type { PlannedRun } from '../../src/sweep/plan-sweep.js';
import { openSweep } from '../../src/sweep/run-sweep.js';
import { MAX_JOB_BYTES, parseSweepJob, sweepJob, type SweepJob } from '../../src/sweep/sweep-job.js';
import { batchTraceFormats } from '../../src/scenario/run-scenario.js';
import { executeSweepTask, sweepRunContext } from '../../src/sweep/sweep-run.js';
import { TINY_SWEEP } from './helpers/sweep-cli.js';

/**
 * The attacks of a writer to Redis on a worker, one job each, against the worker's own code
 * (executeSweepTask in this thread): every one is refused with a message saying why, and
 * nothing is written anywhere but under the results root.
 */
let work: string;
let results: string;
let runs: PlannedRun[];
const roots = new Map([
  ['models', BUILTIN_MODELS_DIR],
  ['traces', resolve(BUILTIN_MODELS_DIR, '..', 'traces')],
]);

beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), 'rackplan-sweep-job-'));
  results = join(work, 'results');
  mkdirSync(results);
  runs = openSweep(TINY_SWEEP, join(work, 'submitter'), loadCatalog()).runs;
});

function worker(extraRoots: [string, string][] = []) {
  return sweepRunContext(loadCatalog(), batchTraceFormats(), null, 'test', { roots: new Map([...roots, ...extraRoots]), resultsRoot: results });
}

function job(change: (job: SweepJob) => void = () => {}): SweepJob {
  const data = structuredClone(sweepJob(runs[0]!, 'tiny', roots));
  change(data);
  return data;
}

async function refusal(data: unknown, context = worker()): Promise<string> {
  try {
    await executeSweepTask({ kind: 'job', job: parseSweepJob(data) }, context);
  } catch (error) {
    return (error as Error).message;
  }
  throw new Error('the job was not refused');
}

describe('a queue job', () => {
  it('names its inputs under data roots and carries no identity or absolute path', () => {
    const data = job();
    expect(data.scenario.trace).toMatchObject({ path: 'traces:default/bitbrains-like-100vms-3d.csv.gz' });
    expect(data.scenario.topology).toBe('models:topologies/default.json');
    expect(JSON.stringify(data)).not.toContain(BUILTIN_MODELS_DIR);
    expect(Object.keys(data).sort()).toEqual(['folder', 'format', 'hash', 'label', 'scenario', 'stallsSeen']);
  });

  it('runs when sound: written under the results root, with the identity the worker computed', async () => {
    const output = await executeSweepTask({ kind: 'job', job: parseSweepJob(job()) }, worker());
    expect(output).toEqual({ hash: runs[0]!.hash, executed: true });
    const identity = readFileSync(join(results, 'tiny', 'runs', runs[0]!.hash, 'identity.json'));
    expect(sha256Hex(identity)).toBe(runs[0]!.hash);
  });

  it('is refused when an input lies outside the data roots', async () => {
    expect(await refusal(job((j) => ((j.scenario.trace as { path: string }).path = 'traces:../../../../etc/passwd')))).toMatch(
      /^job refused: scenario\.trace\.path: "traces:..\/..\/..\/..\/etc\/passwd": outside the data roots; expected plain names under root "traces"/,
    );
    expect(await refusal(job((j) => ((j.scenario.trace as { path: string }).path = '/etc/passwd')))).toMatch(
      /^job refused: scenario\.trace\.path: "\/etc\/passwd" names no data root of this worker \(models, traces\)/,
    );
    expect(await refusal(job((j) => (j.scenario.topology = 'nowhere:topologies/default.json')))).toMatch(/names no data root of this worker/);
  });

  it('is refused when a link inside a root leads outside it', async () => {
    const root = join(work, 'linked');
    mkdirSync(root);
    symlinkSync('/etc', join(root, 'etc'));
    expect(await refusal(job((j) => ((j.scenario.trace as { path: string }).path = 'linked:etc/passwd')), worker([['linked', root]]))).toMatch(
      /"linked:etc\/passwd": a link that leads outside root "linked"/,
    );
  });

  it('is refused when its hash would escape runs/ (hash traversal) or its folder the results root', async () => {
    expect(await refusal(job((j) => (j.hash = '../../../../tmp/x')))).toBe('job refused: hash: expected 64 lowercase hex digits');
    expect(await refusal(job((j) => (j.folder = '../elsewhere')))).toMatch(/^job refused: folder: expected a folder relative to the results root/);
    expect(await refusal(job((j) => (j.folder = '/tmp/x')))).toMatch(/folder: expected a folder relative to the results root/);
  });

  it('is refused when its hash is not the hash of its content (a forged identity)', async () => {
    const forged = job((j) => (j.hash = runs[1]!.hash));
    expect(await refusal(forged)).toBe(
      `job refused: its content hashes to ${runs[0]!.hash}, not ${runs[1]!.hash}: forged, or other data, models or version`,
    );
    // Another run's scenario under a stored run's hash: refused too.
    const swapped = job((j) => (j.scenario.seed = 99));
    expect(await refusal(swapped)).toMatch(new RegExp(`^job refused: its content hashes to [0-9a-f]{64}, not ${runs[0]!.hash}`));
  });

  it('is refused when oversized, before anything else is looked at', async () => {
    const big = job((j) => (j.scenario.description = 'x'.repeat(MAX_JOB_BYTES)));
    expect(await refusal(big)).toMatch(/^job refused: \d+ bytes; the limit is 65536$/);
    expect(await refusal(job((j) => (j.label = 'y'.repeat(5000))))).toMatch(/^job refused: label: Too big/);
    expect(await refusal({ ...job(), identity: { scenario: {} } })).toMatch(/^job refused: \(root\): Unrecognized key/);
  });

  it('is refused when a trace is a device or special file (/dev/zero)', async () => {
    expect(await refusal(job((j) => ((j.scenario.trace as { path: string }).path = 'dev:zero')), worker([['dev', '/dev']]))).toBe(
      'job refused: scenario.trace.path: "dev:zero": a device or special file; only regular files and folders are read',
    );
  });

  it('is refused when a trace is a FIFO under a data root', async () => {
    const root = join(work, 'fifos');
    mkdirSync(root);
    execFileSync('mkfifo', [join(root, 'trace.csv')]);
    expect(await refusal(job((j) => ((j.scenario.trace as { path: string }).path = 'fifos:trace.csv')), worker([['fifos', root]]))).toBe(
      'job refused: scenario.trace.path: "fifos:trace.csv": a device or special file; only regular files and folders are read',
    );
  });

  it('wrote nothing but the one sound run, and only under the results root', () => {
    expect(readdirSync(results)).toEqual(['tiny']);
    expect(readdirSync(join(results, 'tiny', 'runs')).filter((name) => !name.startsWith('.'))).toEqual([runs[0]!.hash]);
    expect(existsSync(join(work, 'tmp'))).toBe(false);
  });
});
