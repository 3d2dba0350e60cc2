import { basename } from 'node:path';
import { parseServiceMapping, ownServices, type ServiceMapping } from '../services/service-mapping.js';
import { servicesWorkload, type ServicesWorkload } from '../services/services-workload.js';
import type { ScalingRule } from '../services/scaling-rule.js';
import type { Workload } from '../traces/workload.js';
import type { CompareScaling, SpanningEstimate } from './compare-result.js';
import type { ServicesPlan } from './scaling-variants.js';

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
      : `${plural(sw.serviceIds.length, 'service')} from ${basename(m.file)}${m.unlistedVms > 0 ? `; ${plural(m.unlistedVms, 'VM')} it does not list ${m.unlistedVms === 1 ? 'is a service' : 'are services'} of their own` : ''}.`,
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
