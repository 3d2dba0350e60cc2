import type { RunRecord } from '../simulation/run-record.js';
import type { UnmetCauses } from './run-result.js';

const MS_PER_HOUR = 3_600_000;

/**
 * Splits the unmet MHz-hours by cause from the per-VM integrals; contention is what remains
 * (clamped at 0 against rounding), so the parts always add up to the unmet total.
 */
export function unmetCauses(record: RunRecord, unmetMHzHours: number): UnmetCauses {
  const v = record.vms;
  let unplaced = 0;
  let aboveSize = 0;
  let migration = 0;
  let waiting = 0;
  let lost = 0;
  for (let vm = 0; vm < v.ids.length; vm++) {
    if (!v.placed(vm) && !v.failed(vm)) unplaced += v.demandInt[vm]!;
    aboveSize += v.aboveSizeInt[vm]!;
    // A deferrable VM's demand lost to migration, a host down or a restart went to its backlog.
    if (v.deferrable[vm]) continue;
    migration += v.degradedInt[vm]!;
    waiting += v.waitingInt[vm]!;
    lost += v.lostInt[vm]!;
  }
  const b = record.backlog;
  // Deferred work dropped with a VM that failed for good was lost to its hosts going down.
  if (b) lost += Math.max(0, b.deferredInt - b.servedLateInt - b.pendingInt);
  const causes = {
    unplacedMHzHours: unplaced / MS_PER_HOUR,
    aboveSizeMHzHours: aboveSize / MS_PER_HOUR,
    migrationMHzHours: migration / MS_PER_HOUR,
    waitingMHzHours: waiting / MS_PER_HOUR,
    hostDownMHzHours: (lost - waiting) / MS_PER_HOUR,
    ...(b ? { pendingMHzHours: b.pendingInt / MS_PER_HOUR } : {}),
  };
  // Deliberate interruptions (CauseMeter): counted only by runs that have them.
  const deliberate = {
    ...(record.rollout ? { rolloutMHzHours: record.rollout.lostInt / MS_PER_HOUR } : {}),
    ...(record.upgrade?.transitionLostInt != null ? { upgradeTransitionMHzHours: record.upgrade.transitionLostInt / MS_PER_HOUR } : {}),
  };
  const named =
    causes.unplacedMHzHours + causes.aboveSizeMHzHours + causes.migrationMHzHours + causes.waitingMHzHours + causes.hostDownMHzHours + (causes.pendingMHzHours ?? 0) +
    (deliberate.rolloutMHzHours ?? 0) + (deliberate.upgradeTransitionMHzHours ?? 0);
  const rest = unmetMHzHours - named;
  return { ...causes, contentionMHzHours: rest > 1e-9 * Math.max(1, unmetMHzHours) ? rest : 0, ...deliberate };
}

