import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { writeFileAtomic } from '../common/atomic-write.js';
import { stableStringify } from '../common/stable-json.js';
import type { Catalog } from '../model/catalog.js';
import { FileChecksums } from './file-checksums.js';
import { planSweep, type PlannedRun, type SweepPlan } from './plan-sweep.js';
import { RunStore } from './run-store.js';
import { buildSweepResult, type SweepResult } from './sweep-result.js';
import { renderSweepReport } from '../report/sweep-report.js';
import { loadSweepSpec } from './sweep-spec.js';
import type { SweepExecutor } from './sweep-pool.js';

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

export const SWEEP_FILES = { result: 'sweep.json', report: 'sweep.html', checksums: 'checksums.json' } as const;

/**
 * Reads and expands a sweep file. Input checksums are remembered in `<out>/checksums.json`
 * (by path, size and mtime), so a restarted sweep does not read its traces again.
 */
export function openSweep(file: string, outDir: string, catalog: Catalog): SweepPlan {
  const sweep = loadSweepSpec(file);
  const memoFile = join(outDir, SWEEP_FILES.checksums);
  const checksums = new FileChecksums(readMemo(memoFile));
  const plan = planSweep(sweep, catalog, checksums);
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
 * Runs what is missing of a sweep and writes sweep.json and sweep.html. Runs already stored
 * under `<out>/runs/` are reused; the rest go to the backend.
 */
export async function runSweep(plan: SweepPlan, outDir: string, backend: SweepBackend, onProgress?: (progress: SweepProgress) => void): Promise<SweepResult> {
  const store = new RunStore(outDir);
  const missing = new Map<string, PlannedRun>();
  for (const run of plan.runs) if (!missing.has(run.hash) && !store.isDone(run.hash)) missing.set(run.hash, run);
  const executed = missing.size;
  const reused = plan.runs.length - executed;
  const progress: SweepProgress = { total: plan.runs.length, done: reused, reused };
  onProgress?.({ ...progress });
  await backend.execute([...missing.values()], () => {
    progress.done++;
    onProgress?.({ ...progress });
  });
  const result = buildSweepResult(plan, store, { executed, reused });
  writeFileAtomic(join(outDir, SWEEP_FILES.result), stableStringify(result));
  writeFileAtomic(join(outDir, SWEEP_FILES.report), renderSweepReport(result));
  store.removePartials(new Set(plan.runs.map((r) => r.hash)));
  return result;
}

/**
 * Runs on this machine: `createExecutor(n)` gets n runs to do and returns the threads for them
 * (fewer threads than runs are fine); it is closed when the runs are stored or one fails.
 */
export function localBackend(outDir: string, createExecutor: (runs: number) => SweepExecutor): SweepBackend {
  return {
    async execute(runs, onStored) {
      if (runs.length === 0) return;
      const executor = createExecutor(runs.length);
      try {
        await Promise.all(
          runs.map(async (run) => {
            await executor.run({ hash: run.hash, identity: run.identity, scenario: run.scenario, outDir, verify: false });
            onStored(run);
          }),
        );
      } finally {
        await executor.close();
      }
    },
  };
}
