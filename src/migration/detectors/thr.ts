import type { OverloadDetector } from '../overload-detector.js';

/** Static threshold: overloaded when utilization now exceeds the safety parameter (e.g. 0.8). */
export const thresholdDetector: OverloadDetector = {
  name: 'thr',
  parameter: 'utilization threshold, 0..1',
  minHistory: 1,
  window: 1,
  overloaded: (history, n, safety) => history[n - 1]! > safety,
  limit: (_history, _n, safety) => safety,
};
