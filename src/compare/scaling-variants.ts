import type { Catalog } from '../model/catalog.js';
import { lookup } from '../model/catalog.js';
import type { HostModelSpec } from '../model/specs.js';
import type { ScalingRule } from '../services/scaling-rule.js';
import { DEFAULT_ELASTIC } from '../simulation/sharing-rules.js';
import type { PluginSet } from '../scenario/plugin-set.js';
import { parseConsolidationPolicy } from './consolidation-policy.js';
import { horizontalSettings, spanningSettings, verticalElastic, verticalSettings } from '../scenario/services-settings.js';
import type { ServicesSpec } from '../scenario/services-spec.js';
import type { VariantPlan } from './compare-variants.js';
import type { HorizontalSettings, SpanningSettings, VerticalSettings } from '../services/scaling-rule.js';

/** A comparison's services, resolved: the mapping's text (parsed against the trace when it is read) and each rule's settings. */
export interface ServicesPlan {
  mappingFile: string | null;
  mappingText: string | null;
  horizontal: HorizontalSettings;
  vertical: VerticalSettings;
  /** null: no spanning estimate. */
  spanning: SpanningSettings | null;
}

/** Scenario ids of the scaling axis: `services-fixed`, `services-horizontal`, `services-vertical`. */
export function scalingScenarioId(rule: ScalingRule): string {
  return `services-${rule}`;
}

const LABELS: Record<ScalingRule, string> = {
  fixed: 'Services, fixed VMs',
  horizontal: 'Services, scale out',
  vertical: 'Services, scale up',
};

export function resolveServices(spec: ServicesSpec, mappingFile: string | null, mappingText: string | null, catalog: Catalog, file: string): ServicesPlan {
  const guest = lookup(catalog.guests, spec.horizontal.guest, 'guest', { file, field: 'services.horizontal.guest' });
  return {
    mappingFile,
    mappingText,
    horizontal: horizontalSettings(spec.horizontal, guest.bootSeconds),
    vertical: verticalSettings(spec.vertical),
    spanning: spanningSettings(spec.spanning),
  };
}

/**
 * One scenario per scaling rule, all on a pool of `hostModel` with KVM: fixed and horizontal
 * as fixed-size VMs with the horizontal rule's guest, vertical as elastic instances (guaranteed
 * their min, capped at their max) under the vertical rule's consolidation policy, overload pass
 * only, which moves VMs off a host that its instances outgrow.
 */
export function scalingVariants(
  rules: readonly ScalingRule[],
  spec: ServicesSpec,
  hostModel: HostModelSpec,
  catalog: Catalog,
  file: string,
  plugins: PluginSet,
): VariantPlan[] {
  const hypervisor = lookup(catalog.hypervisors, 'kvm', 'hypervisor', { file, field: 'scaling' });
  const guest = lookup(catalog.guests, spec.horizontal.guest, 'guest', { file, field: 'services.horizontal.guest' });
  const v = spec.vertical;
  const policy = parseConsolidationPolicy(v.consolidation, { file, field: 'services.vertical.consolidation' }, plugins);
  // Only overloaded hosts are relieved: emptying quiet hosts would move the instances themselves back and forth.
  const consolidation = policy && { ...policy, underload: false };
  return rules.map((rule) => {
    const vertical = rule === 'vertical';
    return {
      id: scalingScenarioId(rule),
      family: vertical ? 'elastic' : 'virtual',
      label: LABELS[rule],
      description: null,
      sharing: vertical ? 'elastic' : 'fixed',
      elastic: vertical
? verticalElastic(verticalSettings(v)) : DEFAULT_ELASTIC,
      hypervisor,
      guest,
      hostModel,
      candidateModels: [],
      switchOffIdle: true,
      consolidation: vertical ? consolidation : null,
      scaling: rule,
    };
  });
}
