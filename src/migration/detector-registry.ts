import { InputError } from '../common/input-error.js';
import { iqrDetector } from './detectors/iqr.js';
import { localRegressionDetector } from './detectors/lr.js';
import { robustLocalRegressionDetector } from './detectors/lrr.js';
import { madDetector } from './detectors/mad.js';
import { thresholdDetector } from './detectors/thr.js';
import type { OverloadDetector } from './overload-detector.js';

const DETECTORS = new Map<string, OverloadDetector>(
  [thresholdDetector, iqrDetector, madDetector, localRegressionDetector, robustLocalRegressionDetector].map((d) => [d.name, d]),
);

/** Registered detector names, in registration order; with `plugins`, theirs after. */
export function overloadDetectorNames(plugins?: ReadonlyMap<string, OverloadDetector>): string[] {
  return [...DETECTORS.keys(), ...(plugins?.keys() ?? [])];
}

/** A built-in detector, or one of `plugins` (a run's plug-ins, passed through). */
export function overloadDetector(name: string, where: { file?: string; field?: string } = {}, plugins?: ReadonlyMap<string, OverloadDetector>): OverloadDetector {
  const detector = DETECTORS.get(name) ?? plugins?.get(name);
  if (detector) return detector;
  throw new InputError(`unknown overload detector "${name}"; valid: ${overloadDetectorNames(plugins).join(', ')}`, where);
}
