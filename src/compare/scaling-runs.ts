import type { UnmetCauses } from '../metrics/run-result.js';
import { parseServiceMapping, ownServices, type ServiceMapping } from '../services/service-mapping.js';
import { servicesWorkload, type ServicesWorkload } from '../services/services-workload.js';
import type { ScalingRule } from '../services/scaling-rule.js';
import type { RunRecord } from '../simulation/run-record.js';
import type { SharingRules } from '../simulation/sharing-rules.js';
import type { Workload } from '../traces/workload.js';
import type { CompareScaling, SpanningEstimate } from './compare-result.js';
import type { ServicesPlan } from './scaling-variants.js';

const MS_PER_HOUR = 3_600_000;

/** The services of one comparison's trace, and each rule's derived workload, built once on first use. */
export class ServicesRuns {
  readonly mapping: ServiceMapping;
  private readonly built = new Map<ScalingRule, ServicesWorkload>();

  constructor(
    readonly plan: ServicesPlan,
    private readonly workload: Workload,
  ) {
    this.mapping = plan.mappingText !== null ? parseServiceMapping(plan.mappingText, plan.mappingFile!, workload) : ownServices(workload);
  }

  workloadFor(rule: ScalingRule): ServicesWorkload {
    let sw = this.built.get(rule);
    if (!sw) {
      sw = servicesWorkload(this.workload, this.mapping, rule, this.plan);
      this.built.set(rule, sw);
    }
    return sw;
  }
}

/**
 * Demand lost while booting, MHz x ms per VM: on samples flagged bootPending, the demand above
 * the instance's cap over the part of the sample inside the run. It is a part of the VM's
 * above-size integral (the same demand, the same cap), capped by it, and 0 for a VM never placed
 * (its demand is unplaced). Read after the run, off the per-sample path.
 */
export function lostWhileBooting(sw: ServicesWorkload, rules: SharingRules, record: RunRecord): number {
  const pending = sw.bootPending;
  if (!pending) return 0;
  const w = sw.workload;
  let total = 0;
  for (let vm = 0; vm < w.vmCount; vm++) {
    if (!record.vms.placed(vm)) continue;
    const cap = rules.cpuCapMhz[vm]!;
    const end = Math.min(w.endAtMs[vm]!, record.durationMs);
    let lost = 0;
    for (let k = w.sampleStart[vm]!; k < w.sampleStart[vm + 1]!; k++) {
      if (!pending[k]) continue;
      const from = w.sampleAtMs[k]!;
      const to = Math.min(k + 1 < w.sampleStart[vm + 1]! ? w.sampleAtMs[k + 1]! : end, end);
      const above = w.sampleCpuMhz[k]! - cap;
      if (above > 0 && to > from) lost += above * (to - from);
    }
    total += Math.min(lost, record.vms.aboveSizeInt[vm]!);
  }
  return total / MS_PER_HOUR;
}

/** The run's causes with the lost-while-booting part moved out of above-size. */
export function withBootingCause(causes: UnmetCauses, bootingMHzHours: number): UnmetCauses {
  return { ...causes, aboveSizeMHzHours: Math.max(0, causes.aboveSizeMHzHours - bootingMHzHours), lostWhileBootingMHzHours: bootingMHzHours };
}

export function scalingSummary(runs: ServicesRuns, rule: ScalingRule, bootingMHzHours: number, spanning: SpanningEstimate | null): CompareScaling {
  const sw = runs.workloadFor(rule);
  return {
    rule,
    services: sw.serviceIds.length,
    vms: sw.workload.vmCount,
    instanceBoots: sw.boots,
    lostWhileBootingMHzHours: bootingMHzHours,
    spanning,
    notes: scalingNotes(runs, rule, sw, spanning),
  };
}

/** The caveats of a scaling scenario's figures, in words, for the terminal and the report. */
function scalingNotes(runs: ServicesRuns, rule: ScalingRule, sw: ServicesWorkload, spanning: CompareScaling['spanning']): string[] {
  const m = runs.mapping;
  const notes = [
    m.file === null
      ? `No service mapping: each of the ${sw.serviceIds.length} VMs is its own service.`
      : `${plural(sw.serviceIds.length, 'service')} from ${m.file}${m.unlistedVms > 0 ? `; ${plural(m.unlistedVms, 'VM')} it does not list ${m.unlistedVms === 1 ? 'is a service' : 'are services'} of their own` : ''}.`,
  ];
  if (rule === 'horizontal') {
    const h = runs.plan.horizontal;
    notes.push(
      `The scale-out controller reads each service's offered demand every ${h.evaluationMs / 1000} s, not what the hosts served ` +
        `(like an autoscaler on request rate): out above ${h.scaleOutAbove}, in below ${h.scaleInBelow}, each held ${h.windowMs / 1000} s, ` +
        `cooldown ${h.cooldownMs / 1000} s. ${plural(sw.boots, 'instance')} started after their service did, each serving ${h.bootMs / 1000} s after it was placed.`,
    );
  }
  if (rule === 'vertical') {
    const v = runs.plan.vertical;
    notes.push(
      `${plural(v.instances, 'elastic instance')} per service, each guaranteed ${v.minMhz} MHz and capped at ${v.maxMhz} MHz: ` +
        'demand above the cap is unmet on any number of hosts (above size).',
    );
  }
  if (spanning) {
    notes.push(
      `Spanning is what the run's short hosts could have borrowed from the active hosts of their rack (racks of ${spanning.hostsPerRack}), ` +
        `at an assumed efficiency of ${spanning.efficiency} (not a measurement); it is not fed back, so energy and migrations are those without spanning.`,
    );
  }
  return notes;
}

function plural(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}
