import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REDIS_MISSING, startRedisServer, stopChild, type RedisServer } from './helpers/redis-server.js';
import { rackplan, readSweep, requireBuild, startRackplan, storedRuns, TINY_SWEEP, waitFor } from './helpers/sweep-cli.js';

if (REDIS_MISSING) console.warn(`test/sweep/sweep-queue.test.ts: ${REDIS_MISSING}`);

let work: string;
let cache: string;
let redis: RedisServer;
let reference: { results: unknown[] };
const workers: ReturnType<typeof startRackplan>[] = [];

/** `rackplan worker` on one thread, with a 2 s lock so that a dead worker's run is taken over quickly. */
function startWorker(queueName: string) {
  const worker = startRackplan(cache, 'worker', '--queue', redis.url, '--queue-name', queueName, '--workers', '1', '--lock-seconds', '2', '--results-root', work);
  workers.push(worker);
  return worker;
}

describe.skipIf(REDIS_MISSING !== null)('rackplan sweep --queue and rackplan worker (BullMQ)', () => {
  beforeAll(async () => {
    requireBuild();
    work = mkdtempSync(join(tmpdir(), 'rackplan-sweep-queue-'));
    cache = join(work, 'cache');
    redis = await startRedisServer();
    const local = rackplan(cache, 'sweep', TINY_SWEEP, '--out', join(work, 'local'), '--workers', '1');
    expect(local.code, local.stderr).toBe(0);
    reference = readSweep(join(work, 'local'));
  });

  afterAll(async () => {
    await Promise.all(workers.map((w) => stopChild(w.child, 'SIGKILL')));
    await redis?.stop();
  });

  it('gives the same sweep.json and sweep.html through the queue with two workers as on local threads', async () => {
    const a = startWorker('same');
    const b = startWorker('same');
    const out = join(work, 'queued');
    const submit = rackplan(cache, 'sweep', TINY_SWEEP, '--out', out, '--queue', redis.url, '--queue-name', 'same');
    expect(submit.code, submit.stderr).toBe(0);
    for (const file of ['sweep.json', 'sweep.html']) expect(readFileSync(join(out, file)), file).toEqual(readFileSync(join(work, 'local', file)));
    expect(submit.stderr).toMatch(/sweep tiny: 6\/6 runs done/);
    await Promise.all([stopChild(a.child), stopChild(b.child)]);
    expect(a.log() + b.log()).toMatch(/stopped/);
    const stored = (a.log() + b.log()).match(/: stored/g) ?? [];
    expect(stored).toHaveLength(6);
  });

  it('loses nothing when a worker is killed mid-run: another takes the run over and the sweep completes', async () => {
    const doomed = startWorker('kill');
    const out = join(work, 'killed');
    const submit = startRackplan(cache, 'sweep', TINY_SWEEP, '--out', out, '--queue', redis.url, '--queue-name', 'kill');
    await waitFor(() => /: started/.test(doomed.log()), 30_000, 'the first worker to start a run', () => `worker:\n${doomed.log()}\nsweep:\n${submit.log()}`);
    await stopChild(doomed.child, 'SIGKILL');
    const [, hash] = /run ([0-9a-f]{12}) .*: started/.exec(doomed.log())!;
    expect(doomed.log()).not.toMatch(/: stored/);

    const rescuer = startWorker('kill');
    expect(await submit.exited, submit.log()).toBe(0);
    expect(rescuer.log()).toMatch(new RegExp(`run ${hash} .*: its worker died \\(1x\\); again in 1 s`));
    const sweep = readSweep(out);
    expect(submit.log()).toContain('sweep tiny: 6 runs (6 executed, 0 reused)');
    expect(sweep.results).toEqual(reference.results);
  });

  it('resumes a submission killed mid-sweep: the rerun waits only for the missing runs', async () => {
    const out = join(work, 'resubmitted');
    const worker = startWorker('resubmit');
    const first = startRackplan(cache, 'sweep', TINY_SWEEP, '--out', out, '--queue', redis.url, '--queue-name', 'resubmit');
    await waitFor(() => storedRuns(out).length >= 1, 30_000, 'a run stored by the worker', () => `worker:\n${worker.log()}\nsweep:\n${first.log()}`);
    // The worker stops first (its running run finishes, the rest stay queued), then the submitter
    // dies: stopping the worker at once leaves it no time to finish the sweep on a busy machine.
    await stopChild(worker.child);
    await stopChild(first.child, 'SIGKILL');
    const doneAtKill = storedRuns(out).length;
    expect(doneAtKill, 'the worker finished the sweep before it could be stopped').toBeLessThan(6);

    // the rerun counts what is stored before a worker may store more
    const again = startRackplan(cache, 'sweep', TINY_SWEEP, '--out', out, '--queue', redis.url, '--queue-name', 'resubmit');
    await waitFor(() => /runs done \(\d+ reused\)/.test(again.log()), 30_000, 'the rerun to count the stored runs', again.log);
    startWorker('resubmit');
    expect(await again.exited, again.log()).toBe(0);
    const sweep = readSweep(out);
    expect(again.log()).toContain(`sweep tiny: 6 runs (${6 - doneAtKill} executed, ${doneAtKill} reused)`);
    expect(sweep.results).toEqual(reference.results);
  });
});
