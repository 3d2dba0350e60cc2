import type { OverloadDetector } from '../overload-detector.js';
import { predictUtilization, REGRESSION_WINDOW } from './local-regression.js';

/** Robust local regression: as lr, with bisquare re-weighting against outliers. */
export const robustLocalRegressionDetector: OverloadDetector = {
  name: 'lrr',
  parameter: 'safety s in s x predicted >= 1',
  minHistory: REGRESSION_WINDOW,
  window: REGRESSION_WINDOW,
  overloaded: (history, n, safety, stepsAhead, scratch) => safety * predictUtilization(history, n, stepsAhead, true, scratch) >= 1,
  limit: () => Number.NaN,
};
