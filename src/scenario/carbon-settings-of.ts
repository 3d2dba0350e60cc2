import { InputError } from '../common/input-error.js';
import type { CarbonSettings } from '../metrics/carbon.js';
import { parseTimestamp, readCarbonIntensity } from '../model/carbon-intensity.js';
import type { Workload } from '../traces/workload.js';
/** A scenario's carbon field (a compare spec's, with the comparison's PUE). */
export interface CarbonSpec {
  /** An absolute path, resolved by the loader. */
  intensity: string;
  pue: number;
  startAt?: string | number | undefined;
}

/**
 * A scenario's carbon settings, with the run's t = 0 placed on the intensity file's clock:
 * `carbon.startAt` when given, else the trace's own epoch when it has one, else the file's
 * first row. Null when the scenario has no `carbon`.
 */
export function carbonSettingsOf(spec: { carbon?: CarbonSpec | undefined }, workload: Workload, scenarioFile: string | null, shownName: string): CarbonSettings | null {
  const carbon = spec.carbon;
  if (!carbon) return null;
  const intensity = readCarbonIntensity(carbon.intensity);
  const where = { file: scenarioFile ?? '(flags)', line: 0, field: 'carbon.startAt' };
  let startEpochSeconds: number;
  let startFrom: CarbonSettings['startFrom'];
  if (carbon.startAt !== undefined) {
    startEpochSeconds = typeof carbon.startAt === 'number' ? carbon.startAt : startAtOf(carbon.startAt, where);
    startFrom = 'startAt';
  } else if (workload.originEpochMs !== 0) {
    startEpochSeconds = workload.originEpochMs / 1000;
    startFrom = 'trace';
  } else {
    startEpochSeconds = intensity.epochSeconds[0]!;
    startFrom = 'file';
  }
  return { name: shownName, intensity, pue: carbon.pue, startEpochSeconds, startFrom };
}

/** Reads a scenario's intensity file and start time as a run would (for validate); no-op without carbon. */
export function checkCarbonSpec(spec: { carbon?: CarbonSpec | undefined }, scenarioFile: string | null): void {
  if (!spec.carbon) return;
  readCarbonIntensity(spec.carbon.intensity);
  if (typeof spec.carbon.startAt === 'string') startAtOf(spec.carbon.startAt, { file: scenarioFile ?? '(flags)', line: 0, field: 'carbon.startAt' });
}

function startAtOf(text: string, where: { file: string; line: number; field: string }): number {
  try {
    return parseTimestamp(text, where);
  } catch (error) {
    if (error instanceof InputError) throw new InputError(error.detail, { file: where.file, field: where.field });
    throw error;
  }
}
