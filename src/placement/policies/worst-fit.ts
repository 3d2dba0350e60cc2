import { definePolicy } from '../placement-policy.js';
import { mostRemainingScore } from '../plugins.js';

export const worstFit = definePolicy({
  name: 'worst-fit',
  description: 'The host left with the most free capacity: spreads load across hosts.',
  decreasing: false,
  scorers: [{ plugin: mostRemainingScore, weight: 1 }],
});
