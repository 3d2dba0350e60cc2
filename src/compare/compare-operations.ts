import { RandomStream } from '../engine/random.js';
import { loadFailureSchedule } from '../failures/load-failure-schedule.js';
import type { FailureSchedule } from '../failures/failure-schedule.js';
import type { RunResult } from '../metrics/run-result.js';
import type { Datacenter } from '../model/datacenter.js';
import type { ScenarioSpec } from '../scenario/scenario-spec.js';
import type { CompareBlastRadius, CompareRollout } from './compare-result.js';
import type { CompareSpec } from './compare-spec.js';
import type { VariantPlan } from './compare-variants.js';

/**
 * How one scenario of a comparison runs under the spec's failures and rollout schedule, with
 * the times that differ by scenario taken from its own guest model: a VM, a minimal guest or a
 * container restarts (and a rollout's new instance boots) in its guest's bootSeconds; a
 * dedicated server's workload comes back after the spec's physicalReprovisionSeconds, and a
 * dedicated server, having no spare to boot a new instance on, is patched in place.
 */
export interface VariantOperations {
  /** Scenario fields for simulationSettingsOf. */
  spec: { ha: ScenarioSpec['ha']; rollout?: NonNullable<ScenarioSpec['rollout']> };
  /** Run parts for simulationSettingsOf. */
  parts: { failures?: FailureSchedule; rolloutGuestBootSeconds?: number };
  /** The restart time and where it comes from; null without failures. */
  restart: { seconds: number; source: string } | null;
}

export function variantOperations(spec: CompareSpec, variant: VariantPlan, dc: Datacenter, durationMs: number): VariantOperations {
  const boot = bootOf(spec, variant);
  const ha = { detectionSeconds: spec.ha.detectionSeconds, bootSeconds: boot.seconds, restartLimit: spec.ha.restartLimit };
  const failures = spec.failures ? loadFailureSchedule(dc, spec.failures, durationMs, new RandomStream(spec.seed).fork('failures')) : undefined;
  const rollout = spec.rollout ? (variant.family === 'physical' ? { ...spec.rollout, mode: 'in-place' as const } : spec.rollout) : undefined;
  return {
    spec: { ha, ...(rollout ? { rollout } : {}) },
    parts: { ...(failures ? { failures } : {}), ...(rollout ? { rolloutGuestBootSeconds: boot.seconds } : {}) },
    restart: spec.failures ? boot : null,
  };
}

/** A scenario's restart (and new-instance boot) time: its guest model's, or the physical reprovisioning assumption. */
function bootOf(spec: CompareSpec, variant: VariantPlan): { seconds: number; source: string } {
  if (variant.guest) return { seconds: variant.guest.bootSeconds, source: `guest model ${variant.guest.id}` };
  return { seconds: spec.physicalReprovisionSeconds, source: 'physical reprovisioning (an assumption)' };
}

/** The blast radius figures of one scenario's run under the spec's failures. */
export function blastRadiusOf(result: RunResult, restart: { seconds: number; source: string }, detectionSeconds: number): CompareBlastRadius {
  const s = result.summary;
  return {
    restartSeconds: restart.seconds,
    restartSource: restart.source,
    detectionSeconds,
    hostFailures: s.hostFailures,
    failuresWithWorkloads: s.blastRadius?.failuresWithVms ?? 0,
    workloadsPerFailure: s.blastRadius && s.blastRadius.failuresWithVms > 0 ? s.blastRadius.vmsStopped / s.blastRadius.failuresWithVms : null,
    vmRestarts: s.vmRestarts,
    vmsFailed: s.vmsFailed,
    availability: s.availability,
    vmDowntimeHours: s.vmDowntimeHours,
    lostMHzHours: s.lostMHzHours,
    lostFraction: s.cpu.demandMHzHours > 0 ? s.lostMHzHours / s.cpu.demandMHzHours : 0,
  };
}

/** The rollout figures of one scenario's run. */
export function rolloutCostOf(result: RunResult): CompareRollout | undefined {
  const r = result.summary.rollout;
  if (!r) return undefined;
  return {
    mode: r.mode,
    bootSeconds: r.bootSeconds,
    rollouts: r.rollouts,
    rolloutsCompleted: r.rolloutsCompleted,
    replaced: r.replaced,
    replacedInPlace: r.replacedInPlace,
    peakSurgeHosts: r.peakSurgeHosts,
    instanceDownHours: r.instanceDownHours,
    lostMHzHours: r.lostMHzHours,
  };
}
