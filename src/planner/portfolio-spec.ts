import { z } from 'zod';
import { kebabId } from '../model/specs.js';

/** A candidate datacenter: `count` hosts of one model on one rack, or a topology file. */
export const PortfolioCandidateSchema = z.union([
  z.strictObject({
    id: kebabId.optional(),
    model: kebabId,
    count: z.number().int().positive(),
    /** Default: the scenario's hypervisor. */
    hypervisor: kebabId.optional(),
  }),
  z.strictObject({
    id: kebabId.optional(),
    /** Topology file, relative to the portfolio file. */
    topology: z.string().min(1),
  }),
]);
export type PortfolioCandidateSpec = z.infer<typeof PortfolioCandidateSchema>;

export const PortfolioFailuresSchema = z
  .strictObject({
    id: kebabId,
    /** Failure model file (models/failures/*.json), relative to the portfolio file. */
    model: z.string().min(1).optional(),
    /** Failure trace CSV, relative to the portfolio file. */
    trace: z.string().min(1).optional(),
  });

/**
 * A capacity portfolio (after Capelin, Andreadis et al., TPDS 2022): candidate topologies x
 * workload growth x failure models x placement policies, every combination run across seeds,
 * candidates ranked by cost, energy and risk (the fraction of runs that violate the SLO).
 */
export const PortfolioSpecSchema = z.strictObject({
  $schema: z.string().optional(),
  name: kebabId,
  description: z.string().optional(),
  /** The scenario whose trace and settings every run uses, relative to the portfolio file. */
  scenario: z.string().min(1),
  slo: z.string().min(1),
  seeds: z.number().int().positive().max(100_000).default(5),
  /** Highest acceptable risk; candidates above it rank after those within it. */
  maxRisk: z.number().min(0).max(1).default(0.05),
  candidates: z.array(PortfolioCandidateSchema).min(1),
  growth: z.array(z.number().positive()).min(1).default([1]),
  growthMode: z.enum(['scale', 'replicate']).default('scale'),
  failures: z.array(PortfolioFailuresSchema).min(1).default([{ id: 'none' }]),
  /** Placement policies; default: the scenario's. */
  placement: z.array(z.string().min(1)).default([]),
  rankBy: z
    .enum(['cost', 'carbon'])
    .default('cost')
    .describe("What acceptable candidates are ranked by first: cost (default) or carbon (needs the scenario's carbon field; docs/facility.md)."),
});
export type PortfolioSpec = z.output<typeof PortfolioSpecSchema>;
