import { leastBy, type VmSelector } from '../vm-selector.js';

/** Minimum utilization: the VM using the least CPU now (ties: the lowest index). */
export const minimumUtilization: VmSelector = {
  name: 'mu',
  select: (candidates, count, view) => leastBy(candidates, count, view.demandMhz),
};
