import { z } from 'zod';
import { kebabId } from '../model/specs.js';

export const ElasticSpecSchema = z.strictObject({
  minFraction: z.number().min(0).max(1).optional(),
  maxFraction: z.number().positive().optional(),
  burstWeight: z.enum(['size', 'equal']).optional(),
  memoryMinFraction: z.number().min(0).max(1).optional(),
  memoryMaxFraction: z.number().positive().optional(),
});

/** A scenario file (models/scenarios/*.json). Paths are relative to the scenario file. */
export const ScenarioSpecSchema = z.strictObject({
  $schema: z.string().optional(),
  name: kebabId,
  description: z.string().optional(),
  seed: z.number().int().nonnegative().default(1),
  trace: z.strictObject({
    path: z.string().min(1),
    /** Reader id; detected from the content when absent. */
    format: z.string().optional(),
    /** Reader options (see docs/trace-formats.md). */
    options: z.record(z.string(), z.unknown()).optional(),
  }),
  /** Topology file. */
  topology: z.string().min(1),
  /** Hypervisor id for every cluster, overriding the topology's. */
  hypervisor: kebabId.optional(),
  placement: z
    .strictObject({
      policy: z.string().default('best-fit'),
      /** VMs that start within this many seconds of the trace start are placed as one batch at t = 0. */
      initialBatchSeconds: z.number().nonnegative().default(300),
    })
    .prefault({}),
  sharing: z
    .strictObject({
      mode: z.enum(['fixed', 'elastic']).default('fixed'),
      elastic: ElasticSpecSchema.optional(),
    })
    .prefault({}),
  power: z
    .strictObject({
      /** Hosts without VMs are switched off (draw 0 W, not counted as active). */
      switchOffIdle: z.boolean().default(false),
    })
    .prefault({}),
  /** Length of a row of timeseries.csv. */
  reportIntervalSeconds: z.number().positive().default(300),
  /** Simulated time; defaults to the end of the trace. */
  durationSeconds: z.number().positive().optional(),
});
export type ScenarioSpec = z.output<typeof ScenarioSpecSchema>;
