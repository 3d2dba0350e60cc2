import type { OverloadDetector } from '../overload-detector.js';
import { predictUtilization, REGRESSION_WINDOW } from './local-regression.js';

/** Local regression: overloaded when s x predicted utilization >= 1. */
export const localRegressionDetector: OverloadDetector = {
  name: 'lr',
  parameter: 'safety s in s x predicted >= 1',
  minHistory: REGRESSION_WINDOW,
  window: REGRESSION_WINDOW,
  overloaded: (history, n, safety, stepsAhead, scratch) => safety * predictUtilization(history, n, stepsAhead, false, scratch) >= 1,
  limit: () => Number.NaN,
};
