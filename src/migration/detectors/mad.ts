import type { OverloadDetector } from '../overload-detector.js';
import { medianAbsoluteDeviation } from '../statistics.js';

/** Median absolute deviation: the upper threshold is 1 - s x MAD(history). */
export const madDetector: OverloadDetector = {
  name: 'mad',
  parameter: 'safety s in 1 - s x MAD',
  minHistory: 12,
  overloaded(history, n, safety, _steps, scratch) {
    return history[n - 1]! > this.limit(history, n, safety, scratch);
  },
  limit(history, n, safety, scratch) {
    scratch.ensure(n);
    return 1 - safety * medianAbsoluteDeviation(history, n, scratch.values);
  },
};
