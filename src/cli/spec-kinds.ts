import { z } from 'zod';
import { CompareSpecSchema } from '../compare/compare-spec.js';
import { FailureModelSpecSchema } from '../failures/failure-spec.js';
import { GuestSpecSchema, HostModelSpecSchema, HypervisorSpecSchema, TopologySpecSchema } from '../model/specs.js';
import { SweepSpecSchema } from '../scenario/json-schemas.js';
import { ScenarioSpecSchema } from '../scenario/scenario-spec.js';
import { PortfolioSpecSchema } from '../planner/portfolio-spec.js';
import { describeJsonSchema } from '../scenario/schema-descriptions.js';

/**
 * Every kind of models/ file, by the name its JSON Schema is published under; `rackplan schemas`
 * writes them and `rackplan validate` tells them apart. It lives in cli/ because the kinds come
 * from several layers (model, failures, scenario, compare, sweep) and only cli sees them all.
 * The order matters: validate takes the first kind whose folder matches, so scenario comes
 * before compare (both live in models/scenarios/).
 */
export const SPEC_KINDS = {
  'host-model': { folder: 'hosts', schema: HostModelSpecSchema },
  hypervisor: { folder: 'hypervisors', schema: HypervisorSpecSchema },
  topology: { folder: 'topologies', schema: TopologySpecSchema },
  guest: { folder: 'guests', schema: GuestSpecSchema },
  scenario: { folder: 'scenarios', schema: ScenarioSpecSchema },
  'failure-model': { folder: 'failures', schema: FailureModelSpecSchema },
  compare: { folder: 'scenarios', schema: CompareSpecSchema },
  sweep: { folder: 'sweeps', schema: SweepSpecSchema },
  portfolio: { folder: 'portfolios', schema: PortfolioSpecSchema },
} as const;

export type SpecKind = keyof typeof SPEC_KINDS;

/** The JSON Schema of one kind (draft 2020-12), as editors read it through `$schema`. */
export function jsonSchemaOf(kind: SpecKind): string {
  const schema = describeJsonSchema(kind, z.toJSONSchema(SPEC_KINDS[kind].schema, { io: 'input' }) as Record<string, unknown>);
  return JSON.stringify({ ...schema, title: `rackplan ${kind}` }, null, 2) + '\n';
}
