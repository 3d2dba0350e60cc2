// A placement policy as a plug-in: pack hosts up to 70% expected CPU use, never beyond if any
// host can stay under it. Runs after the built-in filters (available, cpu, memory, gpu); the
// score is normalized to 0..100 across the feasible hosts, ties go to the lowest host index.
const TARGET = 0.7;

/** @type {import('rackplan').ScorePlugin} */
const nearTarget = {
  name: 'near-target',
  score(view, host, request) {
    const after = (view.cpuUsedMhz[host] + request.expectedCpuMhz) / view.cpuCapacityMhz[host];
    const on = view.poweredOn[host] === 1 ? 0.5 : 0; // prefer hosts that are already on
    return after <= TARGET ? after + on : TARGET - after;
  },
};

/** @type {import('rackplan').PlacementPolicyPlugin[]} */
export const placementPolicies = [
  { name: 'target-70', description: 'Fill hosts up to 70% expected CPU, on hosts first.', decreasing: true, scorers: [{ plugin: nearTarget, weight: 1 }] },
];
