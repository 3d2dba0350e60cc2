import { z } from 'zod';
import { InputError } from '../common/input-error.js';
import { parseSpec } from '../model/load-spec.js';
import type { ResolvedScenario } from '../scenario/load-scenario.js';
import { ScenarioSpecSchema } from '../scenario/scenario-spec.js';
import { fromRootPath, toRootPath, type DataRoots } from './data-roots.js';
import type { PlannedRun } from './plan-sweep.js';
import { getPath, SCENARIO_PATH_KEYS, setPath } from './run-identity.js';

/**
 * A queue job: data, not authority. It carries the run's resolved scenario with every input
 * named `<root>:<path>` under the worker's data roots, the sweep's folder relative to the
 * worker's results root, and the hash the submitter expects. It carries no identity, no
 * absolute path and no flag: the worker resolves the inputs itself, recomputes the hash from
 * them and refuses a mismatch, and writes the identity it computed.
 */
export const SWEEP_JOB_FORMAT = 'rackplan-sweep-job/1';
/** A job's JSON size limit; a resolved scenario is a few kilobytes. */
export const MAX_JOB_BYTES = 64 * 1024;
const MAX_LABEL_CHARS = 1000;

const FOLDER_PART = '[A-Za-z0-9][A-Za-z0-9._-]{0,127}';
/** A sweep folder as jobs name it: plain names joined by /, relative to the results root. */
export const JOB_FOLDER = new RegExp(`^${FOLDER_PART}(/${FOLDER_PART}){0,7}$`);

export const SweepJobSchema = z.strictObject({
  format: z.literal(SWEEP_JOB_FORMAT),
  hash: z.string().regex(/^[0-9a-f]{64}$/, 'expected 64 lowercase hex digits'),
  folder: z
    .string()
    .max(512)
    .regex(JOB_FOLDER, 'expected a folder relative to the results root: plain names joined by /, no ".."'),
  label: z.string().max(MAX_LABEL_CHARS),
  scenario: z.record(z.string(), z.unknown()),
  /** Worker deaths (stalls) already answered with a backoff. */
  stallsSeen: z.number().int().min(0).max(1000),
});

export type SweepJob = z.output<typeof SweepJobSchema>;

/** Thrown for a job that is refused before anything runs. */
export class JobRefusedError extends InputError {
  constructor(detail: string, field?: string) {
    super(detail, { file: 'job refused', ...(field !== undefined ? { field } : {}) });
    this.name = 'JobRefusedError';
  }
}

/** Checks a job's size and shape; the scenario inside is checked when it is resolved. */
export function parseSweepJob(data: unknown): SweepJob {
  const bytes = Buffer.byteLength(JSON.stringify(data) ?? '');
  if (bytes > MAX_JOB_BYTES) throw new JobRefusedError(`${bytes} bytes; the limit is ${MAX_JOB_BYTES}`);
  try {
    return parseSpec(data, SweepJobSchema, 'job');
  } catch (error) {
    if (error instanceof InputError) throw new JobRefusedError(error.detail, error.field);
    throw error;
  }
}

/** The submitter's job for a run: inputs under the data roots, the sweep folder under the results root. */
export function sweepJob(run: PlannedRun, folder: string, roots: DataRoots): SweepJob {
  if (run.scenario.spec.plugins) throw new InputError(`run ${run.label}: plug-ins are code, and queue jobs carry data only; run this sweep locally or in shards`, { field: 'plugins' });
  const scenario = structuredClone(run.scenario.spec) as Record<string, unknown>;
  for (const key of SCENARIO_PATH_KEYS) {
    const path = getPath(scenario, key);
    if (typeof path === 'string') setPath(scenario, key, toRootPath(path, roots, `run ${run.label}: ${key}`));
  }
  // The label is for logs only: a long one (object values) is cut rather than refused.
  const label = run.label.length > MAX_LABEL_CHARS ? `${run.label.slice(0, MAX_LABEL_CHARS - 3)}...` : run.label;
  return parseSweepJob({ format: SWEEP_JOB_FORMAT, hash: run.hash, folder, label, scenario, stallsSeen: 0 });
}

/**
 * The worker's reading of a job's scenario: every input resolved inside this worker's data
 * roots, then the whole scenario validated like a scenario file. A sweep run has no scenario
 * file of its own (`file: null`): its run.json names inputs by their own names and checksums.
 */
export function resolveSweepJob(job: SweepJob, roots: DataRoots): ResolvedScenario {
  const raw = structuredClone(job.scenario);
  for (const key of SCENARIO_PATH_KEYS) {
    const name = getPath(raw, key);
    if (name === undefined) continue;
    if (typeof name !== 'string') throw new JobRefusedError('expected "<root>:<path>"', `scenario.${key}`);
    try {
      setPath(raw, key, fromRootPath(name, roots, `scenario.${key}`));
    } catch (error) {
      if (error instanceof InputError) throw new JobRefusedError(error.detail, error.field);
      throw error;
    }
  }
  let spec;
  try {
    spec = parseSpec(raw, ScenarioSpecSchema, 'job');
  } catch (error) {
    if (error instanceof InputError) throw new JobRefusedError(error.detail, `scenario.${error.field ?? ''}`);
    throw error;
  }
  if (spec.plugins) throw new JobRefusedError('plug-ins are code; a queue job may not name any', 'scenario.plugins');
  return { spec, file: null, tracePath: spec.trace.path, topologyPath: spec.topology };
}
