import type { RunResult } from '../metrics/run-result.js';
import type { VariantFleet } from './compare-fleet.js';
import type { ComparePlan } from './compare-plan.js';
import { effectiveHypervisor, type VariantPlan } from './compare-variants.js';

/**
 * What a comparison scenario assumed, in plain words: the spec's own description, or one made
 * from its settings; followed by what the run found that a reader must know (unplaced workloads).
 */
export function describeVariant(plan: ComparePlan, variant: VariantPlan, fleet: VariantFleet, result: RunResult, serversNeeded: number): string {
  const assumed = variant.description ?? (variant.hostModel ? consolidated(plan, variant) : dedicated(variant, fleet, serversNeeded));
  return [assumed, consolidationNote(variant, result), unplacedNote(result)].filter((s) => s !== '').join(' ');
}

/** The dynamic-consolidation policy and what it did; '' without one. */
function consolidationNote(variant: VariantPlan, result: RunResult): string {
  const c = variant.consolidation;
  if (!c) return '';
  const { migrations, hostShutdowns } = result.summary;
  return (
    `Dynamic consolidation every ${c.intervalSeconds} s: overload detector ${c.overload} (safety ${c.safety}; ` +
    `static ${c.fallbackThreshold} while a host's history is short), VM selection ${c.selection}, power-aware best-fit destinations` +
    `${c.underload ? ', underloaded hosts emptied and switched off' : ''}; ` +
    `${migrations} live ${migrations === 1 ? 'migration' : 'migrations'}, ${hostShutdowns} host ${hostShutdowns === 1 ? 'shutdown' : 'shutdowns'}.`
  );
}

function dedicated(variant: VariantPlan, fleet: VariantFleet, servers: number): string {
  const candidates = variant.candidateModels.length;
  const models = fleet.dedicatedModels.map((g) => `${g.count} x ${g.model.id}`).join(', ');
  return (
    `One dedicated server per workload: the smallest of ${candidates} candidate host ${candidates === 1 ? 'model' : 'models'} ` +
    `that fits its provisioned CPU (cores x MHz) and memory; no hypervisor, no sharing, every server on for the whole run. ` +
    `${servers} ${servers === 1 ? 'server' : 'servers'}${models ? `: ${models}` : ''}.`
  );
}

function consolidated(plan: ComparePlan, variant: VariantPlan): string {
  const model = variant.hostModel!;
  const hypervisor = variant.hypervisor;
  const total = effectiveHypervisor(variant);
  const what = variant.family === 'containers' ? 'Containers' : variant.family === 'elastic' ? 'Elastic VMs' : 'Fixed-size VMs';
  const e = variant.elastic;
  const elastic =
    variant.family === 'elastic'
      ? `Each VM is guaranteed ${percent(e.minFraction)} of its size and capped at ${percent(e.maxFraction)}, shares spare CPU ` +
        `${e.burstWeight === 'size' ? 'by size' : 'equally'}, and is placed on its guarantee and ${percent(e.memoryMinFraction)} of its memory. `
      : '';
  const guest = variant.guest ? `Guest footprint: ${variant.guest.name}; with the hypervisor's, ` : 'Hypervisor overhead: ';
  return (
    `${what} on ${model.name} hosts. Platform: ${hypervisor.name}; CPU overcommit ${hypervisor.cpuOvercommit}:1. ${elastic}` +
    `${guest}${percent(total.cpuOverheadFraction, 1)} CPU and ${total.memoryOverheadMiB} MiB per workload. ` +
    `Placement: ${plan.spec.placement.policy}; hosts without workloads are off.`
  );
}

function unplacedNote(result: RunResult): string {
  const { vms, unplacedReasons } = result.summary;
  if (vms.unplaced === 0) return '';
  const reasons = Object.keys(unplacedReasons)
    .sort()
    .map((reason) => `${unplacedReasons[reason]} ${reason}`)
    .join(', ');
  return `${vms.unplaced} of ${vms.total} workloads ${vms.unplaced === 1 ? 'was' : 'were'} not placed (${reasons}); their demand counts as unmet.`;
}

function percent(fraction: number, digits = 0): string {
  return `${(fraction * 100).toFixed(digits)}%`;
}
