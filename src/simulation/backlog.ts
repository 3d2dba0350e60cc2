import type { Simulator } from '../engine/simulator.js';
import type { CpuSharing } from './cpu-sharing.js';
import type { EventLog } from './event-log.js';
import type { SimHooks } from './hooks.js';
import type { Integrals } from './integrals.js';
import type { BacklogRecord } from './run-record.js';
import { BacklogQueue } from './backlog-queue.js';
import type { SimState } from './sim-state.js';
import { BACKLOG_EMPTY, BACKLOG_TICK } from './simulation-options.js';
import { Hot } from './vm-hot.js';

/** Departure of a VM whose backlog is served (the VM lifecycle's sample at the end of a trace). */
export interface VmDeparture {
  sample(vm: number, atMs: number): void;
}

/**
 * Deferrable work: what a deferrable VM is not served of its demand (up to its size) waits in
 * its backlog, first in first out, and is served later on top of its demand. A VM with backlog
 * asks its host for min(size, demand + backlog / 1 ms); the backlog changes at a constant rate
 * between the VM's events, and an event is scheduled at the whole millisecond before it would
 * run dry, where the VM asks for exactly what is left: every integral stays exact in integer ms.
 * A VM whose trace ends with backlog stays on its host until the backlog is served.
 *
 * Integrals.touchVm calls touch() before any of a deferrable VM's rates change; the kernel calls
 * settleStep() once per time step, after the hosts were re-shared.
 */
export class Backlog {
  readonly queue: BacklogQueue;
  private readonly pendingMhzMs: Float64Array;
  private readonly lastMs: Float64Array;
  private readonly emptyAtMs: Float64Array;
  private readonly holding: Uint8Array;
  private readonly dirty: Uint8Array;
  private readonly dirtyList: Int32Array;
  private dirtyCount = 0;
  /** VMs with backlog or a backlog growing now, in a dense list (their position in activeAt). */
  private readonly activeList: Int32Array;
  private readonly activeAt: Int32Array;
  private activeCount = 0;
  private servedNowInt = 0;
  private servedLateInt = 0;
  private droppedInt = 0;
  private deferredInt = 0;
  /** Integral of the cluster's pending work over time, MHz x ms x ms. */
  private pendingArea = 0;
  private tickArea = 0;
  private nextTick = 0;
  private pendingPeak = 0;
  private readonly pendingMean: Float64Array;
  private readonly deferrable: Int32Array;

  constructor(
    private readonly s: SimState,
    private readonly integrals: Integrals,
    private readonly sim: Simulator,
    private readonly sharing: CpuSharing,
    private readonly departure: VmDeparture,
    hooks: SimHooks,
    private readonly log: EventLog | null,
  ) {
    const n = s.vmCount;
    this.queue = new BacklogQueue(n, s.meter.intervalMs);
    this.pendingMhzMs = new Float64Array(n);
    this.lastMs = new Float64Array(n);
    this.emptyAtMs = new Float64Array(n).fill(-1);
    this.holding = new Uint8Array(n);
    this.dirty = new Uint8Array(n);
    this.dirtyList = new Int32Array(n);
    this.activeList = new Int32Array(n);
    this.activeAt = new Int32Array(n).fill(-1);
    this.pendingMean = new Float64Array(s.meter.tickCount);
    const flags = s.vm.vmDeferrable;
    this.deferrable = Int32Array.from({ length: n }, (_, vm) => vm).filter((vm) => flags[vm] === 1);
    hooks.vmLeft.push((vm) => this.drop(vm));
    integrals.trackBacklog(this);
  }

  start(): void {
    const o = this.s.options;
    this.sim.schedule(Math.min(this.s.meter.intervalMs, o.durationMs), BACKLOG_TICK, 0);
  }

  /** A deferrable VM's rates are about to change: bring its backlog up to now and re-check it at the step's end. */
  touch(vm: number, atMs: number): void {
    this.accrue(vm, atMs);
    if (this.dirty[vm]) return;
    this.dirty[vm] = 1;
    this.dirtyList[this.dirtyCount++] = vm;
  }

  /** BACKLOG_EMPTY (a VM's backlog runs dry or needs its last millisecond) and BACKLOG_TICK. */
  handle(kind: number, target: number, atMs: number): void {
    if (kind === BACKLOG_TICK) {
      this.tick(atMs);
      return;
    }
    if (this.emptyAtMs[target] !== atMs) return;
    this.emptyAtMs[target] = -1;
    this.touch(target, atMs);
    if (this.pendingMhzMs[target] === 0 && this.holding[target]) {
      this.holding[target] = 0;
      this.log?.vmEvent(atMs, 'backlog-done', target);
      this.departure.sample(target, atMs);
    }
  }

  /**
   * The VM's trace ended: it stays (alive, demand 0) while it has backlog to serve, unless it
   * failed for good. Returns true when it stays.
   */
  holdsDeparture(vm: number, atMs: number): boolean {
    this.accrue(vm, atMs);
    if (this.pendingMhzMs[vm]! <= 0 || this.s.vm.vmFailed[vm]) return false;
    this.holding[vm] = 1;
    this.log?.vmEvent(atMs, 'backlog-hold', vm, ` pending=${(this.pendingMhzMs[vm]! / 1000).toFixed(3)}`);
    return true;
  }

  /**
   * Once per time step: every touched VM asks for its backlog (re-sharing its host if that
   * changes anything), then gets the event at which its backlog runs dry at the new rate.
   */
  settleStep(atMs: number): void {
    if (this.dirtyCount === 0) return;
    let asked = 0;
    while (asked < this.dirtyCount) {
      const end = this.dirtyCount;
      for (let i = asked; i < end; i++) this.ask(this.dirtyList[i]!, atMs);
      asked = end;
      this.sharing.flushDirty(atMs);
    }
    for (let i = 0; i < this.dirtyCount; i++) {
      const vm = this.dirtyList[i]!;
      this.dirty[vm] = 0;
      this.schedule(vm, atMs);
    }
    this.dirtyCount = 0;
  }

  /** Brings every deferrable VM to the end and closes the last report interval. */
  finish(endMs: number): BacklogRecord {
    for (const vm of this.deferrable) this.accrue(vm, endMs);
    if (this.nextTick < this.s.meter.tickCount) this.tick(endMs);
    let pending = 0;
    for (const vm of this.deferrable) pending += this.pendingMhzMs[vm]!;
    return {
      servedNowInt: this.servedNowInt,
      servedLateInt: this.servedLateInt,
      pendingInt: pending,
      droppedInt: this.droppedInt,
      deferredInt: this.deferredInt,
      delayMs: this.queue.delayMs,
      delayWeight: this.queue.delayWeight,
      pendingMean: this.pendingMean,
      pendingPeak: this.pendingPeak,
      vmCount: this.deferrable.length,
    };
  }

  /** The VM's pending work now, MHz x ms (for checks). */
  pending(vm: number): number {
    return this.pendingMhzMs[vm]!;
  }

  /** Integrates the VM's rates since its last touch: served now, served late, deferred, dropped. */
  private accrue(vm: number, atMs: number): void {
    const from = this.lastMs[vm]!;
    const dt = atMs - from;
    if (dt <= 0) return;
    this.lastMs[vm] = atMs;
    const v = this.s.vm;
    const demand = v.vmHot[vm * Hot.Stride + Hot.Demand]!;
    if (!v.vmAlive[vm]) {
      this.droppedInt += demand * dt;
      return;
    }
    const cap = this.s.rules.cpuCapMhz[vm]!;
    const now = demand < cap ? demand : cap;
    const served = v.vmHot[vm * Hot.Stride + Hot.Served]!;
    const before = this.pendingMhzMs[vm]!;
    this.droppedInt += (demand - now) * dt;
    let after = before;
    if (served <= now) {
      this.servedNowInt += served * dt;
      const deferred = (now - served) * dt;
      if (deferred > 0) {
        this.queue.defer(vm, deferred, from, atMs);
        this.deferredInt += deferred;
        after = before + deferred;
      }
    } else {
      this.servedNowInt += now * dt;
      const late = Math.min((served - now) * dt, before);
      this.queue.serve(vm, late, from, served - now);
      this.servedLateInt += late;
      after = before - late;
      // What float rounding leaves of a backlog run dry is counted as served.
      if (after < cap * 1e-9) {
        this.servedLateInt += after;
        this.queue.dropAll(vm);
        after = 0;
      }
    }
    this.pendingMhzMs[vm] = after;
    this.pendingArea += ((before + after) / 2) * dt;
  }

  /** Sets what the VM asks on top of its demand: min(size, backlog / 1 ms). */
  private ask(vm: number, atMs: number): void {
    const v = this.s.vm;
    const pending = this.pendingMhzMs[vm]!;
    const cap = this.s.rules.cpuCapMhz[vm]!;
    const ask = v.vmAlive[vm] && pending > 0 ? (pending < cap ? pending : cap) : 0;
    if (ask === 0 && v.vmBacklogAskMhz[vm] === 0) return;
    v.vmBacklogAskMhz[vm] = ask;
    const host = v.vmHost[vm]!;
    if (host < 0) return;
    this.integrals.touchVm(vm, atMs);
    this.integrals.touchHost(host, atMs);
    this.sharing.updateShare(vm, host, v.vmHot[vm * Hot.Stride + Hot.Demand]! + ask, atMs);
  }

  /** Schedules the VM's backlog event at the rate it is served now, and keeps the active list. */
  private schedule(vm: number, atMs: number): void {
    const v = this.s.vm;
    const pending = this.pendingMhzMs[vm]!;
    const cap = this.s.rules.cpuCapMhz[vm]!;
    const demand = v.vmHot[vm * Hot.Stride + Hot.Demand]!;
    const rate = v.vmAlive[vm] ? (demand < cap ? demand : cap) - v.vmHot[vm * Hot.Stride + Hot.Served]! : 0;
    this.setActive(vm, pending > 0 || rate > 0);
    this.emptyAtMs[vm] = -1;
    if (pending === 0 && this.holding[vm]) {
      // Run dry between backlog events (rounding): the held VM leaves a millisecond later.
      this.scheduleEmpty(vm, atMs + 1);
      return;
    }
    if (!(pending > 0 && rate < 0)) return;
    const steps = Math.max(1, Math.floor(pending / -rate));
    const at = atMs + steps;
    this.log?.vmEvent(atMs, 'backlog', vm, ` pending=${(pending / 1000).toFixed(3)} drain=${round3(-rate)} until=${(at / 1000).toFixed(3)}`);
    this.scheduleEmpty(vm, at);
  }

  private scheduleEmpty(vm: number, at: number): void {
    if (at >= this.s.options.durationMs) return;
    this.emptyAtMs[vm] = at;
    this.sim.schedule(at, BACKLOG_EMPTY, vm);
  }

  /** BACKLOG_TICK: the mean pending work of the interval ending now. */
  private tick(atMs: number): void {
    const meter = this.s.meter;
    const tick = this.nextTick++;
    const lengthMs = atMs - tick * meter.intervalMs;
    if (lengthMs <= 0 || tick >= meter.tickCount) return;
    let pending = 0;
    for (let i = 0; i < this.activeCount; i++) {
      const vm = this.activeList[i]!;
      this.accrue(vm, atMs);
      pending += this.pendingMhzMs[vm]!;
    }
    this.pendingMean[tick] = (this.pendingArea - this.tickArea) / lengthMs;
    this.tickArea = this.pendingArea;
    if (pending > this.pendingPeak) this.pendingPeak = pending;
    if (tick + 1 < meter.tickCount) this.sim.repeatCurrentAt(Math.min(atMs + meter.intervalMs, this.s.options.durationMs));
  }

  /** A VM left for good (not held): what it still had waiting is dropped. */
  private drop(vm: number): void {
    if (!this.s.vm.vmDeferrable[vm]) return;
    this.droppedInt += this.pendingMhzMs[vm]!;
    this.queue.dropAll(vm);
    this.pendingMhzMs[vm] = 0;
    this.s.vm.vmBacklogAskMhz[vm] = 0;
    this.setActive(vm, false);
  }

  private setActive(vm: number, active: boolean): void {
    const at = this.activeAt[vm]!;
    if (active === at >= 0) return;
    if (active) {
      this.activeAt[vm] = this.activeCount;
      this.activeList[this.activeCount++] = vm;
      return;
    }
    const last = this.activeList[--this.activeCount]!;
    this.activeList[at] = last;
    this.activeAt[last] = at;
    this.activeAt[vm] = -1;
  }
}

function round3(value: number): string {
  return String(Math.round(value * 1000) / 1000);
}
