import type { VmSelector } from '../vm-selector.js';

/** Minimum utilization: the VM using the least CPU now (ties: the lowest index). */
export const minimumUtilization: VmSelector = {
  name: 'mu',
  select(candidates, count, view) {
    let best = candidates[0]!;
    for (let i = 1; i < count; i++) {
      const vm = candidates[i]!;
      if (view.demandMhz[vm]! < view.demandMhz[best]! || (view.demandMhz[vm] === view.demandMhz[best] && vm < best)) best = vm;
    }
    return best;
  },
};
