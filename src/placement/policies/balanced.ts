import { definePolicy } from '../placement-policy.js';
import { alignmentScore, leastRemainingScore } from '../plugins.js';

export const balanced = definePolicy({
  name: 'balanced',
  description: 'Multi-resource dot product of request and free capacity (Tetris), then tightness.',
  decreasing: false,
  scorers: [
    { plugin: alignmentScore, weight: 3 },
    { plugin: leastRemainingScore, weight: 1 },
  ],
});
