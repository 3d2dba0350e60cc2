import type { OverloadDetector } from '../overload-detector.js';
import { interquartileRange } from '../statistics.js';

/** Inter-quartile range: the upper threshold is 1 - s x IQR(history). */
export const iqrDetector: OverloadDetector = {
  name: 'iqr',
  parameter: 'safety s in 1 - s x IQR',
  minHistory: 12,
  overloaded(history, n, safety, _steps, scratch) {
    return history[n - 1]! > this.limit(history, n, safety, scratch);
  },
  limit(history, n, safety, scratch) {
    scratch.ensure(n);
    return 1 - safety * interquartileRange(history, n, scratch.values);
  },
};
