import type { VmSelector } from '../vm-selector.js';

/** Minimum migration time: the VM with the least memory (ties: the lowest index). */
export const minimumMigrationTime: VmSelector = {
  name: 'mmt',
  select(candidates, count, view) {
    let best = candidates[0]!;
    for (let i = 1; i < count; i++) {
      const vm = candidates[i]!;
      if (view.memoryMiB[vm]! < view.memoryMiB[best]! || (view.memoryMiB[vm] === view.memoryMiB[best] && vm < best)) best = vm;
    }
    return best;
  },
};
