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

/** Registered detector names, in registration order. */
export function overloadDetectorNames(): string[] {
  return [...DETECTORS.keys()];
}

export function overloadDetector(name: string, where: { file?: string; field?: string } = {}): OverloadDetector {
  const detector = DETECTORS.get(name);
  if (detector) return detector;
  throw new InputError(`unknown overload detector "${name}"; valid: ${[...DETECTORS.keys()].join(', ')}`, where);
}
