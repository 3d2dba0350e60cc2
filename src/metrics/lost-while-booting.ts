import type { ServicesWorkload } from '../services/services-workload.js';
import type { RunRecord } from '../simulation/run-record.js';
import type { SharingRules } from '../simulation/sharing-rules.js';
import type { RunResult, UnmetCauses } from './run-result.js';

const MS_PER_HOUR = 3_600_000;

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

/** A run of services scaled out, its summary's causes split with the lost-while-booting part. */
export function withLostWhileBooting(result: RunResult, bootingMHzHours: number): RunResult {
  const cpu = { ...result.summary.cpu, unmetCauses: withBootingCause(result.summary.cpu.unmetCauses, bootingMHzHours) };
  return { ...result, summary: { ...result.summary, cpu } };
}
