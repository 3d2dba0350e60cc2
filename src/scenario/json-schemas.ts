import { z } from 'zod';
import { kebabId } from '../model/specs.js';

/**
 * A sweep file (models/sweeps/*.json): a base scenario and, by dotted scenario key, the values
 * each key takes; the runs are the cartesian product. It belongs in sweep/sweep-spec.ts, its only
 * reader, and stays here until that file is next changed. The published JSON Schemas, this one
 * among them, are listed in cli/spec-kinds.ts.
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
