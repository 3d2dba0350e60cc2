import type { EventHandler, Simulator } from '../engine/simulator.js';
import type { CpuSharing } from './cpu-sharing.js';
import type { EventLog } from './event-log.js';
import type { Integrals } from './integrals.js';
import type { ReportTicks } from './report-ticks.js';
import type { SimState } from './sim-state.js';
import { EVENT_KIND_COUNT, SAMPLE } from './simulation-options.js';
import type { VmLifecycle } from './vm-lifecycle.js';

/** From this many VMs on, each time step first reads the state its samples will touch (VmLifecycle.warm). */
const WARM_FROM_VMS = 4000;

/** A module that handles some event kinds (the kernel's table says which). */
export interface EventModule {
  handle(kind: number, target: number, atMs: number): void;
}

/** Called once per time step with every host settled (the slow reference check uses it). */
export type SettledObserver = (atMs: number) => void;

/** A feature that settles its own state once per time step, after the hosts (deferrable work's backlog). */
export interface StepSettler {
  settleStep(atMs: number): void;
}

/**
 * The small kernel between the simulator and the modules: samples go straight to the VM
 * lifecycle (the hot path), every other kind through a table filled only for the features the
 * scenario enables, so an event of a feature that is off is a bug, not a silent no-op. When the
 * clock moves it settles the hosts changed in the step and integrates the cluster's rates.
 */
export class SimulationKernel implements EventHandler {
  private readonly table: (EventModule | null)[] = new Array<EventModule | null>(EVENT_KIND_COUNT).fill(null);
  private observer: SettledObserver | null = null;
  /** Sum of what warm() read: kept so the reads are not optimized away. */
  warmed = 0;
  /** Fewer VMs keep their state in the CPU caches anyway: warming them would only cost. */
  private readonly warmAhead: boolean;
  private settler: StepSettler | null = null;
  /**
   * Set only with a step settler, so that runs without one pay nothing: the moment's changes
   * settle before the clock moves, and the events they schedule run in order (Simulator.run).
   */
  settle?: (atMs: number) => void;

  constructor(
    private readonly s: SimState,
    private readonly integrals: Integrals,
    private readonly lifecycle: VmLifecycle,
    private readonly sharing: CpuSharing,
    private readonly ticks: ReportTicks,
    private readonly log: EventLog | null,
  ) {
    this.warmAhead = s.vmCount >= WARM_FROM_VMS;
  }

  /** Routes `kinds` to `module`; each kind has one owner. */
  register(module: EventModule, ...kinds: number[]): void {
    for (const kind of kinds) {
      if (this.table[kind] !== null) throw new Error(`event kind ${kind} already has a handler`);
      this.table[kind] = module;
    }
  }

  /** Settles `settler` once per time step, after the hosts (one feature at most). */
  settleStepsWith(settler: StepSettler): void {
    this.settler = settler;
    this.settle = (atMs) => {
      this.sharing.flushDirty(atMs);
      settler.settleStep(atMs);
    };
  }

  observeSettled(observer: SettledObserver): void {
    this.observer = observer;
  }

  handle(kind: number, target: number, atMs: number): void {
    if (kind === SAMPLE) {
      this.lifecycle.sample(target, atMs);
      return;
    }
    const module = this.table[kind];
    if (!module) throw new Error(`event kind ${kind} at ${atMs} ms has no handler: its feature is not enabled`);
    module.handle(kind, target, atMs);
  }

  advance(fromMs: number, toMs: number): void {
    this.sharing.flushDirty(fromMs);
    if (this.settler !== null) this.settler.settleStep(fromMs);
    if (this.observer !== null) this.observer(fromMs);
    this.integrals.integrateCluster(fromMs, toMs);
    if (this.warmAhead) this.warmed += this.lifecycle.warm(toMs);
  }

  /** Settles the first step, before any event is handled. */
  settleStart(): void {
    this.sharing.flushDirty(0);
    if (this.settler !== null) this.settler.settleStep(0);
  }

  /** Brings every host and VM integral up to `endMs` and closes the records (once, after the run). */
  finish(endMs: number): void {
    const s = this.s;
    const v = s.vm;
    this.sharing.flushDirty(endMs);
    if (this.settler !== null) this.settler.settleStep(endMs);
    if (this.observer !== null) this.observer(endMs);
    for (let host = 0; host < s.hostCount; host++) this.integrals.touchHost(host, endMs);
    for (let vm = 0; vm < s.vmCount; vm++) {
      this.integrals.touchVm(vm, endMs);
      if (v.vmAlive[vm]) v.vmLifetimeInt[vm] = endMs - v.vmFirstStartMs[vm]!;
    }
    for (const stay of s.assignments) if (Number.isNaN(stay.toMs)) stay.toMs = endMs;
    s.outages.sort((a, b) => a.startSeconds - b.startSeconds || (a.hostId < b.hostId ? -1 : a.hostId > b.hostId ? 1 : 0) || (a.cause < b.cause ? -1 : 1));
    for (const record of s.migrationLog) if (!record.completed && record.endMs > endMs) record.endMs = endMs;
    this.ticks.finish(endMs);
    this.log?.line(endMs, 'end', '');
    this.log?.flush();
  }
}
