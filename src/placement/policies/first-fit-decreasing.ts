import { definePolicy } from '../placement-policy.js';

export const firstFitDecreasing = definePolicy({
  name: 'first-fit-decreasing',
  description: 'First fit, with each batch of arriving VMs sorted largest first (CPU, then memory).',
  decreasing: true,
  scorers: [],
});
