import { readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { Command } from 'commander';
import { InputError } from '../common/input-error.js';
import { BUILTIN_MODELS_DIR, loadCatalog } from '../model/catalog.js';
import type { PlannedRun } from '../sweep/plan-sweep.js';
import { checkRedis, DEFAULT_QUEUE_NAME } from '../sweep/queue-jobs.js';
import { queueBackend, type QueueStatus } from '../sweep/queue-submit.js';
import { renderSweepReport } from '../report/sweep-report.js';
import { loadSharedWorkloads } from '../scenario/shared-workloads.js';
import { writeSweepParquet } from './parquet-outputs.js';
import { topologyNotesText } from './topology-notes-text.js';
import { sweepPlugins } from '../sweep/sweep-plugins.js';
import { collectSweep, localBackend, openSweep, runSweep, SWEEP_FILES, type SweepProgress } from '../sweep/run-sweep.js';
import { createSweepExecutor } from '../sweep/sweep-pool.js';
import { JOB_FOLDER } from '../sweep/sweep-job.js';
import { parseShare } from '../sweep/sweep-share.js';
import { cacheDirOption } from './cache-dir.js';
import { parsePositiveInt } from './parse-flags.js';
import { addQueueOptions, queueDataRoots, queueTarget, repeatable, type QueueFlags } from './queue-flags.js';

/** `rackplan sweep --collect` found runs missing. */
const INCOMPLETE_EXIT = 3;

export function registerSweepCommand(program: Command): void {
  const command = program
    .command('sweep <file>')
    .description('Run every combination of a sweep file (models/sweeps); runs are stored by content under <out>/runs/, so a rerun runs only what is missing; writes sweep.json and sweep.html')
    .requiredOption('--out <dir>', 'output folder (with --queue or --shard: a folder shared with the workers or the other shards)')
    .option('--workers <n>', 'worker threads here (default: the number of cores; 1 runs in this thread)', parsePositiveInt)
    .option('--shard <i/N>', 'run only shard i of N (0 <= i < N) of the runs, for a Slurm array or a Kubernetes Indexed Job; then --collect')
    .option('--collect', 'run nothing: write sweep.json and sweep.html from the runs stored under --out and list the missing ones (exit 3 when any is)')
    .option('--queue-name <name>', 'BullMQ queue name', DEFAULT_QUEUE_NAME)
    .option('--data-root <name=dir>', 'with --queue: a folder inputs may come from, named as on the workers (repeatable; models and traces are built in)', repeatable, [])
    .option('--results-root <dir>', "with --queue: the folder --out lies in, as the workers' --results-root (default: the parent of --out)")
    .option('--cache-dir <dir>', 'parsed-trace cache ("none" to disable)')
    .option('--parquet', 'also write runs.parquet: one row per run, every swept key and metric')
    .option('--json', 'print sweep.json to stdout');
  addQueueOptions(command, 'enqueue the runs on BullMQ at this Redis URL (default: $REDIS_URL) for `rackplan worker` processes')
    .action(async (file: string, flags: SweepFlags) => {
      checkModes(flags);
      const outDir = resolve(flags.out);
      const target = flags.queue !== undefined ? queueTarget(flags) : null;
      const roots = queueDataRoots(flags.dataRoot);
      const folder = target ? folderUnder(outDir, resolve(flags.resultsRoot ?? dirname(outDir))) : '';
      if (target) await checkRedis(target, flags.redisTimeoutSeconds * 1000);
      const plan = openSweep(file, outDir, loadCatalog(), await sweepPlugins(file));
      const name = plan.sweep.spec.name;
      process.stderr.write(topologyNotesText(plan.topologyNotes));
      const onRejected = (run: PlannedRun, reason: string, movedTo: string) =>
        process.stderr.write(`sweep ${name}: run ${run.label} (${run.hash.slice(0, 12)}): stored result rejected, ${reason}; moved to ${movedTo}; running it again\n`);
      if (flags.collect) {
        const { result, missing } = collectSweep(plan, outDir, renderSweepReport, { onRejected });
        for (const run of missing) process.stderr.write(`sweep ${name}: missing run ${run.index} ${run.label} (${run.hash.slice(0, 12)})\n`);
        process.stderr.write(`sweep ${name}: ${result.results.length} of ${result.runs} runs stored${missing.length ? `, ${missing.length} missing` : ''}; ${join(flags.out, SWEEP_FILES.report)}\n`);
        if (missing.length > 0) process.exitCode = INCOMPLETE_EXIT;
        if (flags.parquet) await writeSweepParquet(outDir);
        return;
      }
      const share = flags.shard ? parseShare(flags.shard) : null;
      const printer = progressPrinter(share ? `${name} shard ${flags.shard}` : name);
      const backend = target
        ? queueBackend({ target, queueName: flags.queueName, outDir, folder, roots, onRejected, sleep: (ms) => sleep(ms, undefined, { ref: false }), onStatus: printer.queue })
        : localBackend(outDir, async (runs) => {
            const workers = Math.min(runs.length, flags.workers ?? availableParallelism());
            const cacheDir = cacheDirOption(flags.cacheDir);
            const workloads = await loadSharedWorkloads(runs.map((run) => run.scenario), cacheDir);
            return createSweepExecutor({ threads: workers === 1 ? 0 : workers, catalogDir: BUILTIN_MODELS_DIR, cacheDir, workloads });
          });
      const counts = await runSweep(plan, outDir, backend, renderSweepReport, { onProgress: printer.progress, onRejected }, share);
      const done = `${counts.runs} runs (${counts.executed} executed, ${counts.reused} reused)`;
      if (share) process.stderr.write(`sweep ${name}: shard ${flags.shard}: ${done}; rackplan sweep --collect writes sweep.json once every shard is done\n`);
      else process.stderr.write(`sweep ${name}: ${done}; ${join(flags.out, SWEEP_FILES.report)}\n`);
      if (flags.parquet && !share) await writeSweepParquet(outDir);
      if (flags.json && !share) process.stdout.write(readFileSync(join(outDir, SWEEP_FILES.result), 'utf8'));
    });
}

interface SweepFlags extends QueueFlags {
  out: string;
  json?: boolean;
  workers?: number;
  shard?: string;
  collect?: boolean;
  parquet?: boolean;
  queueName: string;
  resultsRoot?: string;
  cacheDir?: string;
}

function checkModes(flags: SweepFlags): void {
  const queued = flags.queue !== undefined;
  if (flags.collect && (queued || flags.shard || flags.workers !== undefined)) throw new InputError('--collect runs nothing; it takes none of --queue, --shard, --workers', { field: '--collect' });
  if (flags.shard && queued) throw new InputError('--shard runs its share here; with --queue, workers take the runs', { field: '--shard' });
  if (queued && flags.workers !== undefined) throw new InputError('--workers runs the sweep here; with --queue, runs go to `rackplan worker` processes (see their --workers)');
  if (!queued && (flags.dataRoot.length > 0 || flags.resultsRoot)) throw new InputError('--data-root and --results-root describe the workers; they go with --queue');
}

/** `--out` relative to the results root, as jobs name it. */
function folderUnder(outDir: string, resultsRoot: string): string {
  const rel = relative(resultsRoot, outDir);
  if (rel === '' || rel.startsWith('..') || resolve(resultsRoot, rel) !== outDir) {
    throw new InputError(`--out ${outDir} is not inside --results-root ${resultsRoot}`, { field: '--results-root' });
  }
  const folder = rel.split(sep).join('/');
  if (!JOB_FOLDER.test(folder)) throw new InputError(`"${folder}": jobs name --out under --results-root with plain names (letters, digits, . _ -, not starting with . or -)`, { field: '--out' });
  return folder;
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
