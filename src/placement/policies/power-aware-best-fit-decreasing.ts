import { definePolicy } from '../placement-policy.js';
import { leastPowerIncreaseScore, usageFilter } from '../plugins.js';

export const powerAwareBestFitDecreasing = definePolicy({
  name: 'power-aware-best-fit-decreasing',
  description: 'By expected CPU use, largest first, each on the host whose power rises least without exceeding its CPU (PABFD).',
  decreasing: true,
  scorers: [{ plugin: leastPowerIncreaseScore, weight: 1 }],
  extraFilters: [usageFilter],
});
