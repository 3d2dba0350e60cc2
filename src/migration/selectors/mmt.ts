import { leastBy, type VmSelector } from '../vm-selector.js';

/** Minimum migration time: the VM with the least memory (ties: the lowest index). */
export const minimumMigrationTime: VmSelector = {
  name: 'mmt',
  select: (candidates, count, view) => leastBy(candidates, count, view.memoryMiB),
};
