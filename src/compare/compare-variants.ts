import type { Catalog } from '../model/catalog.js';
import { lookup } from '../model/catalog.js';
import type { HypervisorOverride } from '../model/datacenter.js';
import type { GuestSpec, HostModelSpec, HypervisorSpec } from '../model/specs.js';
import { DEFAULT_ELASTIC, type ElasticSettings } from '../simulation/sharing-rules.js';
import type { ScalingRule } from '../services/scaling-rule.js';
import type { ScenarioFamily } from './compare-result.js';
import type { CompareVariantSpec } from './compare-spec.js';
import { consolidationPolicyName, NO_CONSOLIDATION, type ConsolidationSpec } from './consolidation-policy.js';

/** What each family assumes unless its variant says otherwise. */
export const FAMILY_DEFAULTS: Readonly<
  Record<ScenarioFamily, { label: string; hypervisor: string; guest: string | null; sharing: 'fixed' | 'elastic' }>
> = {
  physical: { label: 'Physical', hypervisor: 'bare-metal', guest: null, sharing: 'fixed' },
  virtual: { label: 'Virtual', hypervisor: 'kvm', guest: 'full-os', sharing: 'fixed' },
  elastic: { label: 'Elastic', hypervisor: 'kvm', guest: 'full-os', sharing: 'elastic' },
  containers: { label: 'Containers', hypervisor: 'container-runtime', guest: 'container', sharing: 'fixed' },
};

/** One scenario of a comparison with every id looked up in the catalog. */
export interface VariantPlan {
  id: string;
  family: ScenarioFamily;
  label: string;
  /** The spec's own description, or null to generate one from the settings and the run. */
  description: string | null;
  sharing: 'fixed' | 'elastic';
  elastic: ElasticSettings;
  hypervisor: HypervisorSpec;
  /** The guest footprint added per workload; null for physical (the workload runs on the server's own OS). */
  guest: GuestSpec | null;
  /** Consolidated families: the pool's host model. Null for physical. */
  hostModel: HostModelSpec | null;
  /** physical: the models a dedicated server is chosen from, smallest first (by CPU, then memory, then id). */
  candidateModels: HostModelSpec[];
  /** Consolidated pools switch hosts without VMs off; dedicated servers stay on for the whole run. */
  switchOffIdle: boolean;
  /** Dynamic consolidation (live migration between pool hosts); null: VMs stay where placed. */
  consolidation: ConsolidationSpec | null;
  /** A scenario of the scaling axis (scaling-variants.ts): the run places the services' instances under this rule. */
  scaling?: ScalingRule;
}

export interface VariantContext {
  catalog: Catalog;
  /** Pool model for consolidated variants that name none (the spec's hostModel or `--host-model`). */
  hostModel: HostModelSpec;
  /** True when `--host-model` gave it: it then overrides every variant's own hostModel. */
  hostModelForced: boolean;
  /** The physical baseline's server model when a variant names no candidates; null: every catalog model (smallest fit). */
  physicalModel?: HostModelSpec | null;
  /** Where the spec came from, for error messages. */
  file: string;
}

/** Resolves a variant against the catalog; unknown ids fail with the list of valid ones. */
export function planVariant(variant: CompareVariantSpec, index: number, context: VariantContext): VariantPlan {
  const { catalog, file } = context;
  const defaults = FAMILY_DEFAULTS[variant.family];
  const where = (field: string) => ({ file, field: `scenarios[${index}].${field}` });
  const hypervisorId = variant.hypervisor ?? defaults.hypervisor;
  const guestId = variant.guest ?? defaults.guest;
  const physical = variant.family === 'physical';
  const ownModel = variant.hostModel && !context.hostModelForced ? variant.hostModel : null;
  return {
    id: variant.id,
    family: variant.family,
    label: variant.label ?? defaultLabel(variant.id, variant.family),
    description: variant.description ?? null,
    sharing: defaults.sharing,
    elastic: { ...DEFAULT_ELASTIC, ...variant.elastic },
    hypervisor: lookup(catalog.hypervisors, hypervisorId, 'hypervisor', where('hypervisor')),
    guest: guestId === null ? null : lookup(catalog.guests, guestId, 'guest', where('guest')),
    hostModel: physical ? null : ownModel ? lookup(catalog.hosts, ownModel, 'host model', where('hostModel')) : context.hostModel,
    candidateModels: physical
      ? variant.candidateModels || !context.physicalModel
        ? candidateModels(variant.candidateModels, catalog, where('candidateModels'))
        : [context.physicalModel]
      : [],
    switchOffIdle: !physical,
    consolidation: variant.consolidation ?? null,
  };
}

/**
 * A consolidated variant under one policy of the policy axis: `none` leaves it as it is; any
 * other policy gives `<id>-<policy>` (`virtual-lr-mmt-1.2`), labelled `<label>, <policy>`.
 */
export function withPolicy(variant: VariantPlan, policy: ConsolidationSpec | null): VariantPlan {
  if (policy === null) return variant;
  const name = consolidationPolicyName(policy);
  return { ...variant, id: `${variant.id}-${name}`, label: `${variant.label}, ${name}`, consolidation: policy };
}

/** Whether the policy axis applies: a consolidated pool without its own consolidation block. */
export function takesPolicies(variant: VariantPlan): boolean {
  return variant.family !== 'physical' && variant.consolidation === null && variant.scaling === undefined;
}

/** The variant's policy name: `none`, or `<detector>-<selection>-<safety>`. */
export function policyOf(variant: VariantPlan): string {
  return variant.consolidation ? consolidationPolicyName(variant.consolidation) : NO_CONSOLIDATION;
}

/** `virtual-minimal` -> `Virtual (minimal)`. */
function defaultLabel(id: string, family: ScenarioFamily): string {
  const base = FAMILY_DEFAULTS[family].label;
  return id === family ? base : `${base} (${id.slice(family.length + 1).replaceAll('-', ' ')})`;
}

function candidateModels(ids: string[] | undefined, catalog: Catalog, where: { file: string; field: string }): HostModelSpec[] {
  const models = ids
    ? ids.map((id, i) => lookup(catalog.hosts, id, 'host model', { ...where, field: `${where.field}[${i}]` }))
    : [...catalog.hosts.values()];
  return [...new Set(models)].sort((a, b) => cpuMhz(a) - cpuMhz(b) || a.memoryMiB - b.memoryMiB || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

export function cpuMhz(model: HostModelSpec): number {
  return model.cores * model.mhzPerCore;
}

/**
 * The hypervisor every host of the variant runs, with the guest footprint added to it: the
 * guest's CPU overhead fraction adds to the hypervisor's, its memory to the per-VM overhead.
 */
export function effectiveHypervisor(variant: VariantPlan): Required<HypervisorOverride> {
  const h = variant.hypervisor;
  const g = variant.guest;
  return {
    cpuOverheadFraction: h.cpuOverheadFraction + (g?.cpuOverheadFraction ?? 0),
    memoryOverheadMiB: h.memoryOverheadMiB + (g?.memoryOverheadMiB ?? 0),
    cpuOvercommit: h.cpuOvercommit,
    memoryOvercommit: h.memoryOvercommit,
  };
}

// The placement filters' slack (placement/plugins.ts), so that "fits" here agrees with placement.
const EPSILON = 1e-9;

/**
 * Whether a workload with these reservations fits an empty host of `model` under `hypervisor`,
 * by the same arithmetic as the placement filters: CPU against the guest-visible capacity times
 * the overcommit ratio, memory plus the per-VM overhead against memory times its ratio, GPUs.
 */
export function fitsEmptyHost(
  model: HostModelSpec,
  hypervisor: Required<HypervisorOverride>,
  cpuMhzReserved: number,
  memoryMiBReserved: number,
  gpus: number,
): boolean {
  const cpuLimit = (cpuMhz(model) / (1 + hypervisor.cpuOverheadFraction)) * hypervisor.cpuOvercommit;
  const memoryLimit = model.memoryMiB * hypervisor.memoryOvercommit;
  return (
    cpuMhzReserved <= cpuLimit + EPSILON &&
    memoryMiBReserved + hypervisor.memoryOverheadMiB <= memoryLimit + EPSILON &&
    gpus <= model.gpus + EPSILON
  );
}
