import { definePolicy } from '../placement-policy.js';
import { leastRemainingScore } from '../plugins.js';

export const bestFit = definePolicy({
  name: 'best-fit',
  description: 'The host left with the least free CPU and memory: packs hosts tightly.',
  decreasing: false,
  scorers: [{ plugin: leastRemainingScore, weight: 1 }],
});
