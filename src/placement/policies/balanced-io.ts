import { alignmentAllScore, ioHeadroomScore } from '../io-plugins.js';
import { definePolicy } from '../placement-policy.js';
import { leastRemainingScore } from '../plugins.js';

/**
 * `balanced` over four resources: first keep clear of expected disk and network overflow
 * (weighted above the other two together, so that a host with I/O headroom wins whenever one
 * exists), then the Tetris dot product over CPU, memory, disk and network, then tightness.
 */
export const balancedIo = definePolicy({
  name: 'balanced-io',
  description: 'Multi-resource dot product over CPU, memory, disk and network (Tetris), avoiding expected I/O overflow, then tightness.',
  decreasing: false,
  scorers: [
    { plugin: ioHeadroomScore, weight: 5 },
    { plugin: alignmentAllScore, weight: 3 },
    { plugin: leastRemainingScore, weight: 1 },
  ],
});
