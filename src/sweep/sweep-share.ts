import { InputError } from '../common/input-error.js';
import type { PlannedRun } from './plan-sweep.js';

/**
 * Shard `index` of `count` (0 <= index < count): the distinct runs of a sweep dealt round-robin
 * in plan order, so every shard of a Slurm array or a Kubernetes Indexed Job gets the same share
 * on every machine, shards differ by at most one run, and together they cover the sweep once.
 */
export interface SweepShare {
  index: number;
  count: number;
}

const MAX_SHARDS = 100_000;

/** `i/N` from `--shard`. */
export function parseShare(text: string): SweepShare {
  const match = /^(\d{1,6})\/(\d{1,6})$/.exec(text.trim());
  const index = match ? Number(match[1]) : NaN;
  const count = match ? Number(match[2]) : NaN;
  if (!match || count < 1 || count > MAX_SHARDS || index >= count) {
    throw new InputError(`expected i/N with 0 <= i < N <= ${MAX_SHARDS} (e.g. 0/3 for the first of 3 shards), found "${JSON.stringify(text).slice(1, -1)}"`, { field: '--shard' });
  }
  return { index, count };
}

/** Runs with distinct hashes, first occurrence in plan order. */
export function distinctRuns(runs: readonly PlannedRun[]): PlannedRun[] {
  const seen = new Set<string>();
  return runs.filter((run) => !seen.has(run.hash) && (seen.add(run.hash), true));
}

export function shareOf(runs: readonly PlannedRun[], share: SweepShare): PlannedRun[] {
  return runs.filter((_, k) => k % share.count === share.index);
}
