import type { ElasticSettings } from '../simulation/sharing-rules.js';
import type { HorizontalSettings, SpanningSettings, VerticalSettings } from '../services/scaling-rule.js';
import type { ServicesSpec } from './services-spec.js';

/*
 * A services spec in simulation units. Apart from the spec's schema (services-spec.ts): a run
 * reads a validated spec and does not need the schema library.
 */

/** Elastic sharing of vertical instances, which are provisioned at their max: the guarantee and memory floor are fractions of it. */
export function verticalElastic(v: VerticalSettings): ElasticSettings {
  return { minFraction: v.minMhz / v.maxMhz, maxFraction: 1, burstWeight: v.burstWeight, memoryMinFraction: v.minMemoryMiB / v.maxMemoryMiB, memoryMaxFraction: 1 };
}

/** The scale-out settings in simulation units; the boot time comes from the guest model. */
export function horizontalSettings(spec: ServicesSpec['horizontal'], bootSeconds: number): HorizontalSettings {
  return {
    instanceMhz: spec.instanceMhz,
    instanceCores: spec.instanceCores,
    instanceMemoryMiB: spec.instanceMemoryMiB,
    scaleOutAbove: spec.scaleOutAbove,
    scaleInBelow: spec.scaleInBelow,
    windowMs: Math.round(spec.windowSeconds * 1000),
    cooldownMs: Math.round(spec.cooldownSeconds * 1000),
    evaluationMs: Math.round(spec.evaluationSeconds * 1000),
    minInstances: spec.minInstances,
    maxInstances: spec.maxInstances,
    bootMs: Math.round(bootSeconds * 1000),
  };
}

export function verticalSettings(spec: ServicesSpec['vertical']): VerticalSettings {
  const { consolidation: _policy, ...settings } = spec;
  return settings;
}

export function spanningSettings(spec: ServicesSpec['spanning']): SpanningSettings | null {
  return spec ? { efficiency: spec.efficiency, hostsPerRack: spec.hostsPerRack } : null;
}
