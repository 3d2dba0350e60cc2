import { z } from 'zod';
import { kebabId } from '../model/specs.js';
import {
  DEFAULT_HORIZONTAL,
  DEFAULT_SPANNING,
  DEFAULT_VERTICAL,
  SCALING_RULES,
} from '../services/scaling-rule.js';

const h = DEFAULT_HORIZONTAL;
const v = DEFAULT_VERTICAL;

/** Which VMs form a service, and the settings of each scaling rule (a compare spec's and a scenario's `services`). */
const servicesFields = {
  mapping: z
    .string()
    .min(1)
    .optional()
    .describe('CSV file "vm_id,service" (relative to the spec) grouping the trace\'s VMs into services; absent: every VM is its own service'),
  horizontal: z
    .strictObject({
      instanceMhz: z.number().positive().default(h.instanceMhz).describe('CPU of one instance, MHz (all cores together)'),
      instanceCores: z.number().int().positive().default(h.instanceCores).describe('vCPUs of one instance'),
      instanceMemoryMiB: z.number().positive().default(h.instanceMemoryMiB).describe('Memory of one instance, MiB'),
      scaleOutAbove: z.number().gt(0).max(1).default(h.scaleOutAbove).describe('Add instances when demand / serving capacity stays above this'),
      scaleInBelow: z.number().min(0).lt(1).default(h.scaleInBelow).describe('Retire an instance when demand / serving capacity stays below this'),
      windowSeconds: z.number().nonnegative().default(h.windowMs / 1000).describe('How long a threshold must hold before the controller acts'),
      cooldownSeconds: z.number().nonnegative().default(h.cooldownMs / 1000).describe('No scaling action within this long of the previous one'),
      evaluationSeconds: z.number().positive().default(h.evaluationMs / 1000).describe('How often the controller looks at the demand'),
      minInstances: z.number().int().positive().default(h.minInstances).describe('Fewest instances per service'),
      maxInstances: z.number().int().positive().default(h.maxInstances).describe('Most instances per service'),
      guest: kebabId.default('full-os').describe('Guest model (models/guests/) whose bootSeconds each new instance waits before it serves'),
    })
    .refine((x) => x.scaleInBelow < x.scaleOutAbove, { path: ['scaleInBelow'], message: 'must be below scaleOutAbove' })
    .refine((x) => x.minInstances <= x.maxInstances, { path: ['minInstances'], message: 'must not exceed maxInstances' })
    .prefault({})
    .describe('Scale-out rule: instances of one size added and removed on utilization thresholds'),
  vertical: z
    .strictObject({
      instances: z.number().int().positive().default(v.instances).describe('Elastic instances per service'),
      minMhz: z.number().positive().default(v.minMhz).describe('CPU each instance is guaranteed (reserved at placement), MHz'),
      maxMhz: z.number().positive().default(v.maxMhz).describe('CPU each instance may grow to, MHz'),
      minMemoryMiB: z.number().positive().default(v.minMemoryMiB).describe('Memory each instance reserves, MiB'),
      maxMemoryMiB: z.number().positive().default(v.maxMemoryMiB).describe('Memory each instance may grow to, MiB'),
      maxCores: z.number().int().positive().default(v.maxCores).describe('vCPUs of an instance at its largest'),
      burstWeight: z.enum(['size', 'equal']).default(v.burstWeight).describe('Spare CPU shared among growing VMs by size or equally'),
      consolidation: z
        .string()
        .min(1)
        .default('thr-mmt-0.8')
        .describe(
          "Compare only: consolidation policy (overload pass) that moves VMs off a host its instances outgrow, <detector>-<selection>-<safety> or none; a scenario uses its own consolidation block",
        ),
    })
    .refine((x) => x.minMhz <= x.maxMhz, { path: ['minMhz'], message: 'must not exceed maxMhz' })
    .refine((x) => x.minMemoryMiB <= x.maxMemoryMiB, { path: ['minMemoryMiB'], message: 'must not exceed maxMemoryMiB' })
    .prefault({})
    .describe('Scale-up rule: a few elastic instances per service that grow and shrink between min and max'),
};

/** A comparison's services: the scaling axis runs them under each rule; `spanning` adds the vertical rule's spanning measure. */
export const ServicesSpecSchema = z
  .strictObject({
    ...servicesFields,
    spanning: z
      .strictObject({
        efficiency: z
          .number()
          .gt(0)
          .max(1)
          .default(DEFAULT_SPANNING.efficiency)
          .describe('MHz of demand one remote MHz serves (an assumption: 0.7 unless you have a measurement)'),
        hostsPerRack: z.number().int().positive().default(DEFAULT_SPANNING.hostsPerRack).describe('Hosts per rack of the pool; an instance spans only within its rack'),
      })
      .optional()
      .describe('Present: estimate how far vertical instances that outgrow their host would span other hosts of their rack'),
  })
  .prefault({});
export type ServicesSpec = z.output<typeof ServicesSpecSchema>;

/** A scenario's services: the run places the services' instances under one rule. */
export const ScenarioServicesSchema = z
  .strictObject({
    rule: z.enum(SCALING_RULES).describe('How every service runs: fixed (the trace\'s VMs), horizontal (scale out) or vertical (elastic instances)'),
    ...servicesFields,
  })
  .describe('Run the trace as services under one scaling rule (docs/compare.md, "Services and scaling rules")');
export type ScenarioServicesSpec = z.output<typeof ScenarioServicesSchema>;

export const ScalingAxisSchema = z
  .array(z.enum(SCALING_RULES))
  .min(1)
  .describe('Scaling rules to compare side by side (fixed, horizontal, vertical), each one more scenario on the spec\'s pool');
