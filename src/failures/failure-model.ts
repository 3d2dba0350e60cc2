import type { RandomStream } from '../engine/random.js';
import type { Datacenter } from '../model/datacenter.js';
import type { Outage } from './failure-schedule.js';

/**
 * A failure model as a plug-in (a scenario's `failures.generator`): the outages of one run over
 * [0, durationMs), drawn only from `rng` (the scenario seed forked as `failures`, then by the
 * model's name), so that the same seed gives the same outages. Host indices address
 * `dc.hostIds`; start and end are integer ms with start < end. Any order: they are sorted.
 */
export interface FailureModel {
  readonly name: string;
  readonly description?: string;
  outages(dc: Datacenter, durationMs: number, rng: RandomStream): readonly Outage[];
}
