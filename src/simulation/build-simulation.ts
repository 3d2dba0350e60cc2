import type { Simulator } from '../engine/simulator.js';
import type { Datacenter } from '../model/datacenter.js';
import type { PlacementPolicy } from '../placement/placement-policy.js';
import type { Workload } from '../traces/workload.js';
import { Backlog } from './backlog.js';
import type { BacklogRecord } from './run-record.js';
import { CloudsimDatacenter } from './cloudsim/cloudsim-datacenter.js';
import { CauseMeter } from './cause-meter.js';
import { CloudsimMeter } from './cloudsim/cloudsim-meter.js';
import { ConsolidationRound } from './consolidation-round.js';
import { CpuSharing } from './cpu-sharing.js';
import type { EventLog } from './event-log.js';
import { HostFailures } from './failures-ha.js';
import { HaRestarts } from './ha-restarts.js';
import { SimHooks } from './hooks.js';
import { HostAvailability } from './host-availability.js';
import { HostMembership } from './host-membership.js';
import { HostPower } from './host-power.js';
import { Integrals } from './integrals.js';
import { SimulationKernel } from './kernel.js';
import { LiveMigration } from './live-migration.js';
import { Maintenance } from './maintenance.js';
import { PlacementRequests } from './placement-requests.js';
import { IntervalSeries } from './interval-series.js';
import { ReportTicks } from './report-ticks.js';
import { RackBudgets } from './rack-budgets.js';
import { Rollout } from './rollout.js';
import type { SharingRules } from './sharing-rules.js';
import { SimState } from './sim-state.js';
import { StandbyUpgrade } from './standby-upgrade.js';
import {
  ARRIVE,
  BACKLOG_EMPTY,
  BACKLOG_TICK,
  CLOUDSIM_REFRESH,
  CONSOLIDATE,
  HOST_BOOTED,
  HOST_FAIL,
  HOST_REPAIR,
  MAINTENANCE_STEP,
  MIGRATION_DONE,
  ROLLOUT_STEP,
  TICK,
  VM_BOOTED,
  VM_RESTART,
  type SimulationOptions,
} from './simulation-options.js';
import { VmLifecycle } from './vm-lifecycle.js';

export interface BuiltSimulation {
  state: SimState;
  kernel: SimulationKernel;
  /** Schedules the first events and places the initial batch (call once, before running). */
  start(): void;
  /** Closes every integral and record at the end of the run (call once, after running); the backlog's record when some VM is deferrable. */
  finish(endMs: number): BacklogRecord | null;
  /** Per-interval host and VM series, when options.recordIntervals. */
  series: IntervalSeries | null;
  /** Rack budgets and what was drawn against them, when the topology gives racks limits. */
  racks: RackBudgets | null;
  /** Deferrable work's backlog, when some VM is deferrable. */
  backlog: Backlog | null;
  /** Demand lost to rollouts and to standby hand-overs, MHz x ms (null when the feature is off). */
  causes: { rolloutInt: () => number; upgradeTransitionInt: () => number } | null;
}

/**
 * Wires the modules of one run: the core ones always, consolidation, failures with HA, and
 * maintenance only when the scenario enables them (their event kinds stay unrouted otherwise).
 * Modules are built in import order, each handed the ones below it.
 */
export function buildSimulation(
  sim: Simulator,
  dc: Datacenter,
  workload: Workload,
  rules: SharingRules,
  policy: PlacementPolicy,
  options: SimulationOptions,
  log: EventLog | null = null,
): BuiltSimulation {
  const s = new SimState(dc, workload, rules, options);
  const integrals = new Integrals(s);
  const hooks = new SimHooks();
  const power = new HostPower(s, integrals, sim, log);
  const sharing = new CpuSharing(s, integrals, power, log);
  const membership = new HostMembership(s, integrals, sharing, power);
  // Rack budgets only when the topology gives them: otherwise nothing of theirs runs.
  const racks = dc.rackLimits ? new RackBudgets(s, dc.rackLimits) : null;
  const placement = new PlacementRequests(s, policy, racks);
  const migration = new LiveMigration(s, integrals, sim, sharing, membership, power, log);
  const lifecycle = new VmLifecycle(s, integrals, sim, sharing, membership, migration, placement, hooks, log);
  const series = options.recordIntervals ? new IntervalSeries(s.hostCount, s.vmCount, s.meter.tickCount, s.meter.intervalMs) : null;
  const ticks = new ReportTicks(s, integrals, sim, series, racks);
  const kernel = new SimulationKernel(s, integrals, lifecycle, sharing, ticks, log);
  kernel.register(lifecycle, ARRIVE);
  kernel.register(ticks, TICK);
  kernel.register(power, HOST_BOOTED);
  const starters: (() => void)[] = [];
  // The compatibility mode's datacenter loop takes over rounds and migration ends (it processes around them).
  const cloudsimMeter = options.compat ? new CloudsimMeter(s) : null;
  const cloudsim = cloudsimMeter ? new CloudsimDatacenter(s, sim, sharing, migration, cloudsimMeter, hooks, log) : null;
  if (cloudsim) kernel.register(cloudsim, CONSOLIDATE, MIGRATION_DONE, CLOUDSIM_REFRESH);
  else kernel.register(migration, MIGRATION_DONE);
  const consolidation = options.consolidation && !cloudsim ? new ConsolidationRound(s, sim, sharing, power, migration, hooks, log) : null;
  if (consolidation) kernel.register(consolidation, CONSOLIDATE);
  const availability = options.failures.length > 0 || options.maintenance ? new HostAvailability(s, integrals, power, hooks, racks) : null;
  if (options.failures.length > 0) {
    const ha = new HaRestarts(s, integrals, sim, sharing, membership, placement, hooks, log);
    const failures = new HostFailures(s, sim, power, availability!, migration, ha, log);
    kernel.register(ha, VM_RESTART, VM_BOOTED);
    kernel.register(failures, HOST_FAIL, HOST_REPAIR);
    starters.push(() => failures.start());
  }
  const backlog = options.deferrable ? new Backlog(s, integrals, sim, sharing, lifecycle, hooks, log) : null;
  if (backlog) {
    kernel.register(backlog, BACKLOG_EMPTY, BACKLOG_TICK);
    kernel.settleStepsWith(backlog);
    lifecycle.holdDeparturesFor(backlog);
  }
  // A standby hand-over replaces the drain: the same batches, the same event kind.
  const standbyMeter = options.maintenance?.standby ? new CauseMeter(s, integrals) : null;
  const maintenance = !options.maintenance
    ? null
    : standbyMeter
      ? new StandbyUpgrade(s, sim, sharing, power, standbyMeter, log)
      : new Maintenance(s, sim, sharing, power, availability!, migration, placement, log);
  if (maintenance) kernel.register(maintenance, MAINTENANCE_STEP);
  const rolloutMeter = options.rollout ? new CauseMeter(s, integrals) : null;
  const rollout = rolloutMeter ? new Rollout(s, sim, sharing, membership, power, placement, rolloutMeter, log) : null;
  if (rollout) kernel.register(rollout, ROLLOUT_STEP);
  return {
    state: s,
    kernel,
    series,
    racks,
    backlog,
    causes:
      standbyMeter || rolloutMeter
        ? { rolloutInt: () => rolloutMeter?.totalInt ?? 0, upgradeTransitionInt: () => standbyMeter?.totalInt ?? 0 }
        : null,
    start() {
      for (let host = 0; host < dc.hostCount; host++) {
        if (!options.power.switchOffIdle) {
          if (!racks || racks.allowsPowerOn(host)) power.powerOn(host, 0);
          else racks.heldOff();
        }
        sharing.settleHost(host, 0);
      }
      lifecycle.start();
      kernel.settleStart();
      ticks.start();
      backlog?.start();
      consolidation?.start();
      cloudsim?.start();
      for (const startFeature of starters) startFeature();
      maintenance?.start();
      rollout?.start();
    },
    finish(endMs) {
      kernel.finish(endMs);
      rollout?.finish(endMs);
      standbyMeter?.finish(endMs);
      cloudsimMeter?.finish();
      return backlog ? backlog.finish(endMs) : null;
    },
  };
}
