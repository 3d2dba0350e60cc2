import { readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join, resolve } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { Command } from 'commander';
import { InputError } from '../common/input-error.js';
import { BUILTIN_MODELS_DIR, loadCatalog } from '../model/catalog.js';
import { DEFAULT_QUEUE_NAME, checkRedis } from '../sweep/queue-jobs.js';
import { queueBackend, type QueueStatus } from '../sweep/queue-submit.js';
import { localBackend, openSweep, runSweep, SWEEP_FILES, type SweepProgress } from '../sweep/run-sweep.js';
import { createSweepExecutor } from '../sweep/sweep-pool.js';
import { cacheDirOption } from './cache-dir.js';
import { parsePositiveInt } from './parse-flags.js';

export function registerSweepCommand(program: Command): void {
  program
    .command('sweep <file>')
    .description('Run every combination of a sweep file (models/sweeps); runs are stored by content under <out>/runs/, so a rerun runs only what is missing; writes sweep.json and sweep.html')
    .requiredOption('--out <dir>', 'output folder (with --queue: a folder every worker mounts at the same path)')
    .option('--workers <n>', 'worker threads here (default: the number of cores; 1 runs in this thread)', parsePositiveInt)
    .option('--queue <url>', 'enqueue the runs on BullMQ at this Redis URL (e.g. redis://127.0.0.1:6379) for `rackplan worker` processes')
    .option('--queue-name <name>', 'BullMQ queue name', DEFAULT_QUEUE_NAME)
    .option('--cache-dir <dir>', 'parsed-trace cache ("none" to disable)')
    .option('--json', 'print sweep.json to stdout')
    .action(async (file: string, flags: SweepFlags) => {
      if (flags.queue && flags.workers !== undefined) throw new InputError('--workers runs the sweep here; with --queue, runs go to `rackplan worker` processes (see their --workers)');
      if (flags.queue) await checkRedis(flags.queue);
      const outDir = resolve(flags.out);
      const plan = openSweep(file, outDir, loadCatalog());
      const name = plan.sweep.spec.name;
      const printer = progressPrinter(name);
      const backend = flags.queue
        ? queueBackend({ url: flags.queue, queueName: flags.queueName, outDir, sleep: (ms) => sleep(ms, undefined, { ref: false }), onStatus: printer.queue })
        : localBackend(outDir, (runs) => {
            const workers = Math.min(runs, flags.workers ?? availableParallelism());
            return createSweepExecutor({ threads: workers === 1 ? 0 : workers, catalogDir: BUILTIN_MODELS_DIR, cacheDir: cacheDirOption(flags.cacheDir) });
          });
      const result = await runSweep(plan, outDir, backend, printer.progress);
      if (flags.json) process.stdout.write(readFileSync(join(outDir, SWEEP_FILES.result), 'utf8'));
      process.stderr.write(`sweep ${name}: ${result.runs} runs (${result.executed} executed, ${result.reused} reused); ${join(flags.out, SWEEP_FILES.report)}\n`);
    });
}

interface SweepFlags {
  out: string;
  json?: boolean;
  workers?: number;
  queue?: string;
  queueName: string;
  cacheDir?: string;
}

/**
 * On a terminal, one line rewritten in place (runs done, and with a queue its workers);
 * otherwise a line per 5% of the runs.
 */
function progressPrinter(name: string): { progress: (p: SweepProgress) => void; queue: (q: QueueStatus) => void } {
  let last: SweepProgress | null = null;
  let queue: QueueStatus | null = null;
  let printed = -1;
  const line = (p: SweepProgress) =>
    `sweep ${name}: ${p.done}/${p.total} runs done (${p.reused} reused)${queue ? `; ${queue.workers} workers, ${queue.active} running, ${queue.waiting} waiting` : ''}`;
  const render = () => {
    if (last && process.stderr.isTTY) process.stderr.write(`\r\x1b[K${line(last)}${last.done === last.total ? '\n' : ''}`);
  };
  return {
    progress(p) {
      last = p;
      if (process.stderr.isTTY) return render();
      const step = Math.floor((p.done * 20) / Math.max(1, p.total));
      if (step === printed) return;
      printed = step;
      process.stderr.write(`${line(p)}\n`);
    },
    queue(q) {
      queue = q;
      if (last && last.done < last.total) render();
    },
  };
}
