import type { RandomStream } from '../engine/random.js';
import type { Datacenter } from '../model/datacenter.js';
import { generateFailureSchedule, mergeSchedules, type FailureSchedule } from './failure-schedule.js';
import { loadFailureModel } from './failure-spec.js';
import { readFailureTrace } from './failure-trace.js';

/** The scenario field `failures`: a failure model file, a failure trace, or both (absolute paths). */
export interface FailureFiles {
  model?: string;
  trace?: string;
}

/**
 * The outages of one run: drawn from the model (with `rng`, which the caller forks from the
 * scenario seed as `root.fork('failures')`) and replayed from the trace, merged. Empty when
 * neither file is given.
 */
export function loadFailureSchedule(dc: Datacenter, files: FailureFiles, durationMs: number, rng: RandomStream): FailureSchedule {
  const drawn = files.model ? generateFailureSchedule(dc, loadFailureModel(files.model), durationMs, rng) : [];
  const replayed = files.trace ? readFailureTrace(files.trace, dc) : [];
  return mergeSchedules(drawn, replayed);
}
