import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { TaskLimitError, WorkerPool, type WorkerPoolOptions } from '../../src/common/worker-pool.js';

const SCRIPT = pathToFileURL(join(import.meta.dirname, 'fixtures', 'pool-thread.mjs'));
const setTimer: WorkerPoolOptions['setTimer'] = (ms, fire) => {
  const timer = setTimeout(fire, ms);
  return () => clearTimeout(timer);
};

type Task = { kind: 'square' | 'throw' | 'hog' | 'spin' | 'nursery'; value?: number; ms?: number };
let pools: WorkerPool<Task, unknown>[] = [];

function pool(options: Partial<WorkerPoolOptions> = {}): WorkerPool<Task, unknown> {
  const created = new WorkerPool<Task, unknown>({ script: SCRIPT, threads: 2, workerData: (n) => ({ n }), taskName: 'test task', ...options });
  pools.push(created);
  return created;
}

beforeAll(() => {
  if (!existsSync(join(import.meta.dirname, '..', '..', 'dist', 'common', 'pool-thread.js'))) throw new Error('dist/ is missing: npm test builds it first');
});

afterEach(async () => {
  await Promise.all(pools.map((p) => p.close()));
  pools = [];
});

describe('WorkerPool', () => {
  it('returns every result to its task, whatever thread ran it', async () => {
    const p = pool();
    const values = Array.from({ length: 20 }, (_, i) => i);
    expect(await Promise.all(values.map((value) => p.run({ kind: 'square', value })))).toEqual(values.map((v) => v * v));
  });

  it('starts its threads with a full-size nursery, not the 1 MiB a new V8 heap begins with', async () => {
    expect(await pool({ threads: 1 }).run({ kind: 'nursery' })).toBeGreaterThanOrEqual(16);
  });

  it('fails a task that throws with its message and keeps the thread', async () => {
    const p = pool({ threads: 1 });
    await expect(p.run({ kind: 'throw', value: 7 })).rejects.toThrow('task failed: 7');
    expect(await p.run({ kind: 'square', value: 3 })).toBe(9);
  });

  it('fails a task that runs out of memory, replaces its thread, and runs the next task', async () => {
    const p = pool({ threads: 1, resourceLimits: { maxOldGenerationSizeMb: 16 } });
    const queued = p.run({ kind: 'square', value: 5 }); // waits behind the hog for the one thread
    const hog = p.run({ kind: 'hog' });
    expect(await queued).toBe(25);
    const error = await hog.then(() => null, (e: Error) => e);
    expect(error).toBeInstanceOf(TaskLimitError);
    expect(error!.message).toBe('test task ran out of memory (limit 16 MiB); its thread was replaced');
    expect(await p.run({ kind: 'square', value: 6 })).toBe(36);
  });

  it('stops a task over its time limit, replaces its thread, and runs the next task', async () => {
    const p = pool({ threads: 1, timeLimitMs: 300, setTimer });
    await expect(p.run({ kind: 'spin', ms: 20_000 })).rejects.toThrow('test task exceeded its time limit of 0.3 s; its thread was stopped');
    expect(await p.run({ kind: 'spin', ms: 10 })).toBe('spun');
  });

  it("counts a task's time limit from when its thread picks it up, not from the thread's start-up", async () => {
    const p = pool({ threads: 1, timeLimitMs: 300, setTimer, script: pathToFileURL(join(import.meta.dirname, 'fixtures', 'slow-start-thread.mjs')) });
    expect(await p.run({ kind: 'square', value: 7 })).toBe(49);
  });

  it('rejects running and queued tasks on close, and any task after it', async () => {
    const p = pool({ threads: 1 });
    const running = p.run({ kind: 'spin', ms: 20_000 }).catch((e: Error) => e.message);
    const queued = p.run({ kind: 'square', value: 2 }).catch((e: Error) => e.message);
    await p.close();
    expect(await running).toBe('test task pool closed');
    expect(await queued).toBe('test task pool closed');
    await expect(p.run({ kind: 'square', value: 2 })).rejects.toThrow('test task pool closed');
  });

  it('fails the pool when a thread cannot start, rather than restarting it forever', async () => {
    const p = pool({ threads: 1, script: pathToFileURL(join(import.meta.dirname, 'fixtures', 'no-such-thread.mjs')) });
    await expect(p.run({ kind: 'square', value: 2 })).rejects.toThrow(/no-such-thread|Cannot find module/);
  });
});
