import { definePolicy } from '../placement-policy.js';

export const firstFit = definePolicy({
  name: 'first-fit',
  description: 'The first host (in topology order) with room for the reservation.',
  decreasing: false,
  scorers: [],
});
