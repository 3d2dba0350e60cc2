import { z } from 'zod';
import { FailureModelSpecSchema } from '../failures/failure-spec.js';
import { GuestSpecSchema, HostModelSpecSchema, HypervisorSpecSchema, kebabId, TopologySpecSchema } from '../model/specs.js';
import { CompareSpecSchema } from './compare-spec.js';
import { ScenarioSpecSchema } from './scenario-spec.js';

/**
 * A sweep file (models/sweeps/*.json): a base scenario and, by dotted scenario key, the values
 * each key takes; the runs are the cartesian product. Defined here so that its JSON Schema is
 * published with the others; src/sweep/ reads it.
 */
export const SweepSpecSchema = z.strictObject({
  $schema: z.string().optional(),
  name: kebabId,
  description: z.string().optional(),
  /** The base scenario file, relative to the sweep file. */
  scenario: z.string().min(1),
  /** Dotted scenario key (`seed`, `placement.policy`) -> its values; null removes the key. */
  parameters: z.record(z.string().min(1), z.array(z.unknown()).min(1)),
  /** Run summary metrics reported per run, by dotted path; a default set when absent. */
  metrics: z.array(z.string().min(1)).min(1).optional(),
});
export type SweepSpec = z.output<typeof SweepSpecSchema>;

/** Every kind of models/ file, by the name its JSON Schema is published under. */
export const SPEC_KINDS = {
  'host-model': { folder: 'hosts', schema: HostModelSpecSchema },
  hypervisor: { folder: 'hypervisors', schema: HypervisorSpecSchema },
  topology: { folder: 'topologies', schema: TopologySpecSchema },
  guest: { folder: 'guests', schema: GuestSpecSchema },
  scenario: { folder: 'scenarios', schema: ScenarioSpecSchema },
  'failure-model': { folder: 'failures', schema: FailureModelSpecSchema },
  compare: { folder: 'scenarios', schema: CompareSpecSchema },
  sweep: { folder: 'sweeps', schema: SweepSpecSchema },
} as const;

export type SpecKind = keyof typeof SPEC_KINDS;

/** The JSON Schema of one kind (draft 2020-12), as editors read it through `$schema`. */
export function jsonSchemaOf(kind: SpecKind): string {
  const schema = z.toJSONSchema(SPEC_KINDS[kind].schema, { io: 'input' });
  return JSON.stringify({ ...schema, title: `rackplan ${kind}` }, null, 2) + '\n';
}
