import { mkdirSync, utimesSync, writeFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { dirname, resolve } from 'node:path';
import { Command } from 'commander';
import { BUILTIN_MODELS_DIR } from '../model/catalog.js';
import { checkRedis, DEFAULT_QUEUE_NAME } from '../sweep/queue-jobs.js';
import { startQueueWorker } from '../sweep/queue-worker.js';
import { createSweepExecutor } from '../sweep/sweep-pool.js';
import { cacheDirOption } from './cache-dir.js';
import { parsePositiveInt, parsePositiveNumber } from './parse-flags.js';
import { addQueueOptions, queueDataRoots, queueTarget, repeatable, setTimer, type QueueFlags } from './queue-flags.js';

/** How often the health file is touched while the event loop runs. */
const HEALTH_EVERY_MS = 10_000;

export function registerWorkerCommand(program: Command): void {
  const command = program
    .command('worker')
    .description('Run sweep runs queued by `rackplan sweep --queue` until stopped; SIGTERM or SIGINT lets the running runs finish first')
    .option('--queue-name <name>', 'BullMQ queue name', DEFAULT_QUEUE_NAME)
    .requiredOption('--results-root <dir>', "the only folder runs are written under: a job's sweep folder is relative to it")
    .option('--data-root <name=dir>', 'a folder jobs may read inputs from, as <name>:<path> (repeatable; models and traces are built in)', repeatable, [])
    .option('--workers <n>', 'runs at a time, each on a worker thread (default: the number of cores)', parsePositiveInt)
    .option('--run-memory-mib <n>', 'heap limit of each run; a run over it fails alone and its thread is replaced', parsePositiveInt, 4096)
    .option('--run-timeout-seconds <s>', 'wall-clock limit of each run; a run over it fails and its thread is replaced', parsePositiveNumber, 6 * 3600)
    .option('--lock-seconds <s>', "job lock; a dead worker's run is taken over after one to two lock periods", parsePositiveNumber, 30)
    .option('--health-file <file>', 'touched every 10 s while the worker is alive (for a liveness probe); written once connected')
    .option('--cache-dir <dir>', 'parsed-trace cache ("none" to disable)');
  addQueueOptions(command, 'Redis URL of the queue, e.g. redis://127.0.0.1:6379 (default, and without a URL: $REDIS_URL)')
    .action(async (flags: WorkerFlags) => {
      const target = queueTarget({ ...flags, queue: flags.queue ?? true });
      const roots = queueDataRoots(flags.dataRoot);
      const resultsRoot = resolve(flags.resultsRoot);
      await checkRedis(target, flags.redisTimeoutSeconds * 1000);
      const threads = flags.workers ?? availableParallelism();
      const executor = createSweepExecutor({
        threads,
        catalogDir: BUILTIN_MODELS_DIR,
        cacheDir: cacheDirOption(flags.cacheDir),
        places: { roots, resultsRoot },
        memoryLimitMiB: flags.runMemoryMib,
        timeLimitMs: Math.round(flags.runTimeoutSeconds * 1000),
        setTimer,
      });
      const log = (line: string) => process.stderr.write(`worker: ${line}\n`);
      const worker = startQueueWorker({ target, queueName: flags.queueName, executor, lockMs: Math.round(flags.lockSeconds * 1000), now: Date.now, log });
      const stopHealth = flags.healthFile ? touchEvery(resolve(flags.healthFile)) : () => {};
      const rootList = [...roots].map(([name, dir]) => `${name}=${dir}`).join(', ');
      log(`taking runs from queue ${flags.queueName} at ${target.shown} on ${threads} threads (pid ${process.pid}); results under ${resultsRoot}; data roots ${rootList}`);
      const signal = await new Promise<string>((done) => {
        process.once('SIGTERM', () => done('SIGTERM'));
        process.once('SIGINT', () => done('SIGINT'));
      });
      log(`${signal}: finishing the running runs`);
      stopHealth();
      await worker.close();
      await executor.close();
      log('stopped');
    });
}

interface WorkerFlags extends QueueFlags {
  queueName: string;
  resultsRoot: string;
  workers?: number;
  runMemoryMib: number;
  runTimeoutSeconds: number;
  lockSeconds: number;
  healthFile?: string;
  cacheDir?: string;
}

/** Writes the file, then updates its mtime while this process's event loop turns. */
function touchEvery(file: string): () => void {
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, `${process.pid}\n`);
  const timer = setInterval(() => {
    const now = new Date();
    utimesSync(file, now, now);
  }, HEALTH_EVERY_MS);
  timer.unref();
  return () => clearInterval(timer);
}
