import type { Datacenter } from '../../model/datacenter.js';
import { placementPolicy } from '../../placement/registry.js';
import type { RunRecord } from '../../simulation/run-record.js';
import { DEFAULT_ELASTIC, sharingRules } from '../../simulation/sharing-rules.js';
import { simulate } from '../../simulation/simulate.js';
import type { Workload } from '../../traces/workload.js';

/**
 * The bench's replay: best fit, idle hosts off, fixed sizes, 5-minute ticks. Shared with
 * scripts/simulate-synthetic.mjs, which runs it alone at any size (e.g. under a cache simulator).
 */
export function benchReplay(workload: Workload, dc: Datacenter): RunRecord {
  return simulate(workload, dc, {
    rules: sharingRules(workload, 'fixed', DEFAULT_ELASTIC),
    policy: placementPolicy('best-fit'),
    power: { switchOffIdle: true },
    initialBatchMs: 300_000,
    reportIntervalMs: 300_000,
  });
}
