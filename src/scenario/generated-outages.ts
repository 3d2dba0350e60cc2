import { InputError } from '../common/input-error.js';
import { RandomStream } from '../engine/random.js';
import { mergeSchedules, type FailureSchedule } from '../failures/failure-schedule.js';
import type { Datacenter } from '../model/datacenter.js';
import type { PluginSet } from './plugin-set.js';

/**
 * The schedule from the failure files, merged with the outages of a failure-model plug-in
 * named by `failures.generator`. The plug-in draws from the scenario seed forked as `failures`
 * then by its own name, so adding it shifts no other component's draws.
 */
export function generatedOutages(
  fromFiles: FailureSchedule,
  generator: string | undefined,
  run: { dc: Datacenter; durationMs: number; seed: number; plugins: PluginSet; file: string },
): FailureSchedule {
  if (!generator) return fromFiles;
  const model = run.plugins.failureModels.get(generator);
  if (!model) {
    const valid = [...run.plugins.failureModels.keys()].sort();
    throw new InputError(`unknown failure model "${generator}"; valid: ${valid.length > 0 ? valid.join(', ') : '(no failure-model plug-ins loaded)'}`, {
      file: run.file,
      field: 'failures.generator',
    });
  }
  const rng = new RandomStream(run.seed).fork('failures').fork(generator);
  return mergeSchedules(fromFiles, model.outages(run.dc, run.durationMs, rng));
}
