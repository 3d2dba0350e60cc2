import { z } from 'zod';
import { loadSpec } from '../model/load-spec.js';
import { kebabId } from '../model/specs.js';

/**
 * A duration distribution, in hours: time to failure (how long a host or domain stays up) or
 * time to repair (how long it stays down). Lognormal mu and sigma are those of ln(hours).
 */
export const DurationDistributionSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('exponential'), meanHours: z.number().positive() }),
  z.strictObject({ kind: z.literal('weibull'), shape: z.number().positive(), scaleHours: z.number().positive() }),
  z.strictObject({ kind: z.literal('lognormal'), mu: z.number(), sigma: z.number().positive() }),
]);
export type DurationDistribution = z.infer<typeof DurationDistributionSchema>;

export const UpDownSpecSchema = z.strictObject({
  timeToFailure: DurationDistributionSchema,
  timeToRepair: DurationDistributionSchema,
});
export type UpDownSpec = z.infer<typeof UpDownSpecSchema>;

export const FAILURE_DOMAIN_LEVELS = ['rack', 'cluster'] as const;
export type FailureDomainLevel = (typeof FAILURE_DOMAIN_LEVELS)[number];

/** A correlated failure: an event of one rack or cluster takes all its hosts down together. */
export const FailureDomainSpecSchema = UpDownSpecSchema.extend({ level: z.enum(FAILURE_DOMAIN_LEVELS) });

/** A failure model file (models/failures/*.json). */
export const FailureModelSpecSchema = z
  .strictObject({
    $schema: z.string().optional(),
    id: kebabId,
    name: z.string().min(1),
    description: z.string().optional(),
    /** Independent failures of every host; absent for a model of domain events only. */
    host: UpDownSpecSchema.optional(),
    /** Correlated failures, at most one entry per level. */
    domains: z.array(FailureDomainSpecSchema).default([]),
    /** Where the parameters come from; assumptions marked as such. */
    source: z.string().min(1),
  })
  .refine((spec) => new Set(spec.domains.map((d) => d.level)).size === spec.domains.length, {
    message: `at most one entry per level (${FAILURE_DOMAIN_LEVELS.join(', ')})`,
    path: ['domains'],
  })
  .refine((spec) => spec.host !== undefined || spec.domains.length > 0, {
    message: 'give host failures, domain failures or both',
    path: ['host'],
  });
export type FailureModelSpec = z.output<typeof FailureModelSpecSchema>;

export function loadFailureModel(path: string): FailureModelSpec {
  return loadSpec(path, FailureModelSpecSchema);
}
