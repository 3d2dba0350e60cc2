// An overload detector as a plug-in: a host is overloaded when the exponentially weighted
// moving average of its CPU utilization (newest value weighted 0.5) exceeds the safety
// parameter, so one spike does not trigger migrations but a sustained rise does.
const ALPHA = 0.5;

function ewma(history, n) {
  let average = history[0];
  for (let i = 1; i < n; i++) average = ALPHA * history[i] + (1 - ALPHA) * average;
  return average;
}

/** @type {import('rackplan').OverloadDetector[]} */
export const overloadDetectors = [
  {
    name: 'ewma',
    parameter: 'utilization threshold for the moving average, 0..1',
    minHistory: 3,
    overloaded: (history, n, safety) => ewma(history, n) > safety,
    // Destinations are checked against the same threshold on the utilization now.
    limit: (_history, _n, safety) => safety,
  },
];
