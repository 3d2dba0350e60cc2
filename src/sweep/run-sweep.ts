import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { writeFileAtomic } from '../common/atomic-write.js';
import { InputError } from '../common/input-error.js';
import { stableStringify } from '../common/stable-json.js';
import type { Catalog } from '../model/catalog.js';
import { FileChecksums } from './file-checksums.js';
import type { PluginSet } from '../scenario/plugin-set.js';
import { planSweep, type PlannedRun, type SweepPlan } from './plan-sweep.js';
import { RunStore } from './run-store.js';
import { buildSweepResult, sweepJson, type SweepResult } from './sweep-result.js';
import { loadSweepSpec } from './sweep-spec.js';
import type { SweepExecutor } from './sweep-pool.js';
import { distinctRuns, shareOf, type SweepShare } from './sweep-share.js';

/** Where a sweep's missing runs are executed: local threads, or workers behind a job queue. */
export interface SweepBackend {
  /**
   * Gets every given run stored (distinct hashes, none stored yet), calling `onStored` once
   * per run as it is; rejects on the first run that fails for good.
   */
  execute(runs: readonly PlannedRun[], onStored: (run: PlannedRun) => void): Promise<void>;
}

export interface SweepProgress {
  total: number;
  /** Runs stored so far, reused ones included. */
  done: number;
  reused: number;
}

export interface SweepEvents {
  onProgress?: (progress: SweepProgress) => void;
  /** A stored run whose identity does not match its hash: moved aside and run again. */
  onRejected?: (run: PlannedRun, reason: string, movedTo: string) => void;
}

/**
 * Renders sweep.html from a sweep's result. The caller (the CLI) passes the report's renderer:
 * the sweep layer sits below report/ and never imports it.
 */
export type SweepPage = (result: SweepResult) => string;

/** What one invocation did: runs in its share, simulated, found stored. */
export interface SweepCounts {
  runs: number;
  executed: number;
  reused: number;
}

export const SWEEP_FILES = { result: 'sweep.json', report: 'sweep.html', checksums: 'checksums.json' } as const;

/** Rounds of running what is missing or rejected before giving up (a worker that keeps storing wrong results). */
const MAX_ROUNDS = 3;

/**
 * Reads and expands a sweep file. Input checksums are remembered in `<out>/checksums.json`
 * (by path, size and mtime), so a restarted sweep does not read its traces again.
 */
export function openSweep(file: string, outDir: string, catalog: Catalog, plugins?: PluginSet): SweepPlan {
  const sweep = loadSweepSpec(file);
  const memoFile = join(outDir, SWEEP_FILES.checksums);
  const checksums = new FileChecksums(readMemo(memoFile));
  const plan = planSweep(sweep, catalog, checksums, plugins);
  writeFileAtomic(memoFile, stableStringify(checksums.entries()));
  return plan;
}

/** Remembered checksums; an unreadable memo is only a cache, so it is ignored. */
function readMemo(file: string): Record<string, string> {
  if (!existsSync(file)) return {};
  try {
    const memo: unknown = JSON.parse(readFileSync(file, 'utf8'));
    if (memo === null || typeof memo !== 'object' || Array.isArray(memo)) return {};
    return Object.fromEntries(Object.entries(memo).filter((entry): entry is [string, string] => typeof entry[1] === 'string'));
  } catch {
    return {};
  }
}

/**
 * Runs what is missing of a sweep (or of one shard of it) and, for a whole sweep, writes
 * sweep.json and sweep.html. A stored run counts only when its identity hashes to its name; a
 * run that does not (a poisoned or misplaced result) is moved aside, reported and run again,
 * here and once more after the backend stored everything, since queue workers are not trusted.
 */
export async function runSweep(
  plan: SweepPlan,
  outDir: string,
  backend: SweepBackend,
  page: SweepPage,
  events: SweepEvents = {},
  share: SweepShare | null = null,
): Promise<SweepCounts> {
  const store = new RunStore(outDir);
  const mine = share ? shareOf(distinctRuns(plan.runs), share) : plan.runs;
  const total = mine.length;
  let executed = 0;
  let reused = 0;
  for (let round = 0; ; round++) {
    const missing = unsound(mine, store, events);
    if (round === 0) reused = total - missing.length;
    if (missing.length === 0) break;
    if (round === MAX_ROUNDS) throw new InputError(`${missing.length} runs still have no sound stored result after ${MAX_ROUNDS} rounds (first: ${missing[0]!.label})`);
    executed += missing.length;
    const progress: SweepProgress = { total, done: total - missing.length, reused };
    events.onProgress?.({ ...progress });
    await backend.execute(missing, () => {
      progress.done++;
      events.onProgress?.({ ...progress });
    });
  }
  if (!share) writeSweepOutputs(outDir, buildSweepResult(plan, store, { executed, reused }), page);
  store.removePartials(new Set(mine.map((r) => r.hash)));
  return { runs: total, executed, reused };
}

/**
 * Builds sweep.json and sweep.html from whatever runs are stored (shards that ran elsewhere),
 * without running anything; rejected runs are moved aside and count as missing. Returns the
 * missing runs (distinct hashes, plan order).
 */
export function collectSweep(plan: SweepPlan, outDir: string, page: SweepPage, events: SweepEvents = {}): { result: SweepResult; missing: PlannedRun[] } {
  const store = new RunStore(outDir);
  const missing = unsound(distinctRuns(plan.runs), store, events);
  const absent = new Set(missing.map((run) => run.hash));
  const stored = plan.runs.filter((run) => !absent.has(run.hash)).length;
  const result = buildSweepResult(plan, store, { executed: 0, reused: stored }, absent);
  writeSweepOutputs(outDir, result, page);
  return { result, missing };
}

/** The distinct runs of `runs` without a sound stored result; rejected ones are moved aside first. */
function unsound(runs: readonly PlannedRun[], store: RunStore, events: SweepEvents): PlannedRun[] {
  const missing = new Map<string, PlannedRun>();
  for (const run of runs) {
    if (missing.has(run.hash)) continue;
    const check = store.check(run.hash);
    if (check.state === 'ok') continue;
    if (check.state === 'rejected') events.onRejected?.(run, check.reason, store.reject(run.hash));
    missing.set(run.hash, run);
  }
  return [...missing.values()];
}

/**
 * sweep.json is the mark of a finished sweep folder: it is removed first and written last, so
 * a sweep.json is always next to the sweep.html of the same result, whenever a writer is killed.
 */
function writeSweepOutputs(outDir: string, result: SweepResult, page: SweepPage): void {
  const json = sweepJson(result);
  const html = page(result);
  rmSync(join(outDir, SWEEP_FILES.result), { force: true });
  writeFileAtomic(join(outDir, SWEEP_FILES.report), html);
  writeFileAtomic(join(outDir, SWEEP_FILES.result), json);
}

/**
 * Runs on this machine: `createExecutor(runs)` gets the runs to do and returns the threads for
 * them (fewer threads than runs are fine; it may load their workloads once for all threads); it
 * is closed when the runs are stored or one fails.
 */
export function localBackend(outDir: string, createExecutor: (runs: readonly PlannedRun[]) => SweepExecutor | Promise<SweepExecutor>): SweepBackend {
  return {
    async execute(runs, onStored) {
      if (runs.length === 0) return;
      const executor = await createExecutor(runs);
      try {
        await Promise.all(
          runs.map(async (run) => {
            await executor.run({ kind: 'planned', hash: run.hash, identity: run.identity, scenario: run.scenario, datacenter: run.datacenter, outDir });
            onStored(run);
          }),
        );
      } finally {
        await executor.close();
      }
    },
  };
}
