import { definePolicy } from '../placement-policy.js';
import { leastRemainingScore } from '../plugins.js';

export const bestFitDecreasing = definePolicy({
  name: 'best-fit-decreasing',
  description: 'Best fit, with each batch of arriving VMs sorted largest first.',
  decreasing: true,
  scorers: [{ plugin: leastRemainingScore, weight: 1 }],
});
