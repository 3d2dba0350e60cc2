import type { VmSelector } from '../vm-selector.js';

/** Random selection, from the scenario's seeded `vm-selection` stream. */
export const randomSelection: VmSelector = {
  name: 'rs',
  select: (candidates, count, _view, rng) => candidates[rng.int(count)]!,
};
