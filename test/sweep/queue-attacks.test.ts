import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Queue, QueueEvents } from 'bullmq';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sha256Hex } from '../../src/common/checksum.js';
import { BUILTIN_MODELS_DIR, loadCatalog } from '../../src/model/catalog.js';
import type { PlannedRun } from '../../src/sweep/plan-sweep.js';
import { openSweep } from '../../src/sweep/run-sweep.js';
import { sweepJobId } from '../../src/sweep/queue-jobs.js';
import { sweepJob, type SweepJob } from '../../src/sweep/sweep-job.js';
import { REDIS_MISSING, startRedisServer, stopChild, type RedisServer } from './helpers/redis-server.js';
import { rackplanWith, requireBuild, ROOT, startRackplanWith, waitFor } from './helpers/sweep-cli.js';

/**
 * A real worker, attacked by someone who can write to its Redis: each crafted job fails at
 * once with a message that says why, the worker lives on, and a run that outgrows the
 * worker's memory limit fails alone: the next job on the same one-thread worker succeeds.
 */
if (REDIS_MISSING) console.warn(`test/sweep/queue-attacks.test.ts: ${REDIS_MISSING}`);

const PASSWORD = 'attack-test-secret-5d1e';
const QUEUE = 'attacks';
let work: string;
let results: string;
let redis: RedisServer;
let worker: ReturnType<typeof startRackplanWith>;
let queue: Queue;
let events: QueueEvents;
let runs: PlannedRun[];
let roots: Map<string, string>;

describe.skipIf(REDIS_MISSING !== null)('a queue worker under attack', () => {
  beforeAll(async () => {
    requireBuild();
    work = mkdtempSync(join(tmpdir(), 'rackplan-queue-attacks-'));
    results = join(work, 'results');
    const extra = join(work, 'extra');
    mkdirSync(extra);
    // A legitimate model that fails every host every few seconds: millions of events, far
    // beyond a 32 MiB heap.
    const flaky = { id: 'flaky', name: 'flaky', description: 'fails constantly', source: 'test', host: { timeToFailure: { kind: 'exponential', meanHours: 0.001 }, timeToRepair: { kind: 'exponential', meanHours: 0.001 } } };
    writeFileSync(join(extra, 'flaky.json'), JSON.stringify(flaky));
    const sweepFile = join(work, 'sweep.json');
    writeFileSync(sweepFile, JSON.stringify({ name: 'attack', scenario: join(ROOT, 'models', 'scenarios', 'default.json'), parameters: { durationSeconds: [86400], 'failures.model': [null, join(extra, 'flaky.json')] } }));
    runs = openSweep(sweepFile, join(work, 'submitter'), loadCatalog()).runs;
    roots = new Map([['models', BUILTIN_MODELS_DIR], ['traces', resolve(BUILTIN_MODELS_DIR, '..', 'traces')], ['extra', extra]]);

    redis = await startRedisServer({ password: PASSWORD });
    const url = redis.url.replace('redis://', `redis://:${PASSWORD}@`);
    worker = startRackplanWith({ REDIS_URL: url }, join(work, 'cache'), 'worker', '--queue', '--queue-name', QUEUE, '--workers', '1', '--results-root', results,
      '--data-root', `extra=${extra}`, '--data-root', 'dev=/dev', '--run-memory-mib', '32', '--lock-seconds', '5', '--health-file', join(work, 'health', 'alive'));
    await waitFor(() => /taking runs/.test(worker.log()), 30_000, 'the worker to connect', worker.log);
    const port = Number(new URL(redis.url).port);
    queue = new Queue(QUEUE, { connection: { host: '127.0.0.1', port, password: PASSWORD } });
    events = new QueueEvents(QUEUE, { connection: { host: '127.0.0.1', port, password: PASSWORD } });
    await events.waitUntilReady();
  });

  afterAll(async () => {
    await events?.close();
    await queue?.close();
    if (worker) await stopChild(worker.child, 'SIGKILL');
    await redis?.stop();
  });

  let n = 0;
  /** Adds a job and resolves with its result, or with `failed: <reason>`. */
  async function submit(data: unknown): Promise<string> {
    const job = await queue.add('run', data, { jobId: `attack-${n++}`, attempts: 3 });
    try {
      return JSON.stringify(await job.waitUntilFinished(events, 60_000));
    } catch (error) {
      return `failed: ${(error as Error).message}`;
    }
  }

  function job(run: PlannedRun, change: (job: SweepJob) => void = () => {}): SweepJob {
    const data = structuredClone(sweepJob(run, 'attack', roots));
    change(data);
    return data;
  }
  const setTrace = (path: string) => (j: SweepJob) => ((j.scenario.trace as { path: string }).path = path);

  it('writes its health file once connected (for a readiness probe)', () => {
    expect(readFileSync(join(work, 'health', 'alive'), 'utf8')).toBe(`${worker.child.pid}\n`);
  });

  it('shows the Redis URL with its password masked, and never the password', () => {
    expect(worker.log()).toContain(`at redis://:****@127.0.0.1:${new URL(redis.url).port} on 1 threads`);
    expect(worker.log()).not.toContain(PASSWORD);
  });

  it('refuses a path outside its data roots, without echoing the file', async () => {
    const escaped = await submit(job(runs[0]!, setTrace('traces:../../../../../etc/passwd')));
    expect(escaped).toMatch(/^failed: job refused: scenario\.trace\.path: "traces:..\/..\/..\/..\/..\/etc\/passwd": outside the data roots/);
    const absolute = await submit(job(runs[0]!, setTrace('/etc/passwd')));
    expect(absolute).toMatch(/^failed: job refused: scenario\.trace\.path: "\/etc\/passwd" names no data root of this worker \(models, traces, extra, dev\)/);
    expect(escaped + absolute).not.toMatch(/root:x:0/);
  });

  it('refuses a hash traversal', async () => {
    expect(await submit(job(runs[0]!, (j) => (j.hash = '../../../pwned')))).toBe('failed: job refused: hash: expected 64 lowercase hex digits');
  });

  it('refuses a forged identity: a hash that is not its content\'s', async () => {
    expect(await submit(job(runs[0]!, (j) => (j.hash = runs[1]!.hash)))).toBe(
      `failed: job refused: its content hashes to ${runs[0]!.hash}, not ${runs[1]!.hash}: forged, or other data, models or version`,
    );
  });

  it('refuses an oversized job', async () => {
    expect(await submit(job(runs[0]!, (j) => (j.scenario.description = 'x'.repeat(100_000))))).toMatch(/^failed: job refused: \d+ bytes; the limit is 65536$/);
  });

  it('refuses /dev/zero as a trace, even under a data root', async () => {
    expect(await submit(job(runs[0]!, setTrace('dev:zero')))).toBe('failed: job refused: scenario.trace.path: "dev:zero": a device or special file; only regular files and folders are read');
  });

  it('fails a run that outgrows the memory limit alone: the next job on the same thread succeeds', async () => {
    expect(await submit(job(runs[1]!))).toBe('failed: run ran out of memory (limit 32 MiB); its thread was replaced');
    expect(JSON.parse(await submit(job(runs[0]!)))).toEqual({ hash: runs[0]!.hash, executed: true });
    const identity = readFileSync(join(results, 'attack', 'runs', runs[0]!.hash, 'identity.json'));
    expect(sha256Hex(identity)).toBe(runs[0]!.hash);
  });

  it('a job planted under a sweep\'s job id is replaced by the submitter, and the sweep completes', async () => {
    const planted = job(runs[0]!, setTrace('traces:../../../../../etc/shadow'));
    planted.folder = 'planted';
    const id = sweepJobId('planted', runs[0]!.hash);
    const first = await queue.add('run', planted, { jobId: id });
    await expect(first.waitUntilFinished(events, 60_000)).rejects.toThrow(/outside the data roots/);
    const single = join(work, 'single.json');
    writeFileSync(single, JSON.stringify({ name: 'single', scenario: join(ROOT, 'models', 'scenarios', 'default.json'), parameters: { durationSeconds: [86400] } }));
    const url = redis.url.replace('redis://', `redis://:${PASSWORD}@`);
    const submit = rackplanWith({ REDIS_URL: url }, join(work, 'cache'), 'sweep', single, '--queue', '--queue-name', QUEUE, '--out', join(results, 'planted'));
    expect(submit.code, submit.stderr).toBe(0);
    expect(JSON.parse(readFileSync(join(results, 'planted', 'sweep.json'), 'utf8')).results[0].hash).toBe(runs[0]!.hash);
    expect(submit.stderr).not.toContain(PASSWORD);
  });

  it('failed each attack once, without retries, and wrote only under its results root', async () => {
    const failed = await queue.getFailed();
    expect(failed.length).toBe(7);
    for (const job of failed) expect(job.attemptsMade, String(job.id)).toBe(1);
    expect(readdirSync(results).sort()).toEqual(['attack', 'planted']);
    expect(readdirSync(join(results, 'attack', 'runs')).filter((name) => !name.startsWith('.'))).toEqual([runs[0]!.hash]);
    expect(existsSync(join(work, 'pwned'))).toBe(false);
    expect(worker.child.exitCode).toBeNull();
    expect(worker.log()).not.toContain(PASSWORD);
  });
});
