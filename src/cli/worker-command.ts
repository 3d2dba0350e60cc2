import { availableParallelism } from 'node:os';
import { Command } from 'commander';
import { BUILTIN_MODELS_DIR } from '../model/catalog.js';
import { checkRedis, DEFAULT_QUEUE_NAME } from '../sweep/queue-jobs.js';
import { startQueueWorker } from '../sweep/queue-worker.js';
import { createSweepExecutor } from '../sweep/sweep-pool.js';
import { cacheDirOption } from './cache-dir.js';
import { parsePositiveInt, parsePositiveNumber } from './parse-flags.js';

export function registerWorkerCommand(program: Command): void {
  program
    .command('worker')
    .description('Run sweep runs queued by `rackplan sweep --queue` until stopped; SIGTERM or SIGINT lets the running runs finish first')
    .requiredOption('--queue <url>', 'Redis URL of the queue, e.g. redis://127.0.0.1:6379')
    .option('--queue-name <name>', 'BullMQ queue name', DEFAULT_QUEUE_NAME)
    .option('--workers <n>', 'runs at a time, each on a worker thread (default: the number of cores)', parsePositiveInt)
    .option('--lock-seconds <s>', "job lock; a dead worker's run is taken over after one to two lock periods", parsePositiveNumber, 30)
    .option('--cache-dir <dir>', 'parsed-trace cache ("none" to disable)')
    .action(async (flags: WorkerFlags) => {
      await checkRedis(flags.queue);
      const threads = flags.workers ?? availableParallelism();
      const executor = createSweepExecutor({ threads, catalogDir: BUILTIN_MODELS_DIR, cacheDir: cacheDirOption(flags.cacheDir) });
      const log = (line: string) => process.stderr.write(`worker: ${line}\n`);
      const worker = startQueueWorker({ url: flags.queue, queueName: flags.queueName, executor, lockMs: Math.round(flags.lockSeconds * 1000), now: Date.now, log });
      log(`taking runs from queue ${flags.queueName} at ${flags.queue} on ${threads} threads (pid ${process.pid})`);
      const signal = await new Promise<string>((resolve) => {
        process.once('SIGTERM', () => resolve('SIGTERM'));
        process.once('SIGINT', () => resolve('SIGINT'));
      });
      log(`${signal}: finishing the running runs`);
      await worker.close();
      await executor.close();
      log('stopped');
    });
}

interface WorkerFlags {
  queue: string;
  queueName: string;
  workers?: number;
  lockSeconds: number;
  cacheDir?: string;
}
