import type { RandomStream } from '../engine/random.js';
import { powerAt } from '../model/power-curve.js';
import { HOST_OFF, HOST_ON, type ConsolidationSettings, type ConsolidationView, type Migration } from './consolidation-view.js';
import { predictUtilization } from './detectors/local-regression.js';
import { OffHostCandidates } from './off-host-candidates.js';
import { DetectorScratch, type OverloadDetector } from './overload-detector.js';
import type { SelectionView, VmSelector } from './vm-selector.js';

// A tiny slack so that reservations that fit exactly are not refused for rounding.
const EPSILON = 1e-9;

/**
 * One round of dynamic consolidation (Beloglazov & Buyya, CCPE 2012):
 * 1. find overloaded hosts with the detector (the static fallback threshold while history is short);
 * 2. on each, pick VMs with the selector until the host is no longer overloaded;
 * 3. place them by power-aware best-fit decreasing: largest CPU first, each on the host whose
 *    power rises least, never on an overloaded host nor one the move would overload, switched-on
 *    hosts first and switched-off ones only when no switched-on host fits;
 * 4. then, least-utilized host first, try to move all VMs off a host (to switched-on hosts only);
 *    all or nothing, so that the emptied host can be switched off.
 *
 * "Would the move overload the destination" is decided in O(1): for thr/iqr/mad by comparing
 * the utilization after the move with the host's threshold computed from its history at the
 * start of the round; for lr/lrr by adding the VM's predicted use to the host's (the loess
 * prediction is linear in the history, so this is exact for lr).
 * Pure: reads the view, returns the migrations in the order they should start.
 */
export class ConsolidationPlanner {
  private readonly detector: OverloadDetector;
  private readonly selector: VmSelector;
  private readonly settings: ConsolidationSettings;
  private readonly rng: RandomStream;
  private readonly regression: boolean;
  private readonly scratch = new DetectorScratch();
  private history = new Float64Array(64);
  private vmBuffer = new Float64Array(64);
  private vmList = new Int32Array(64);
  // Per round, per host
  private util = new Float64Array(0);
  private limit = new Float64Array(0);
  private predicted = new Float64Array(0);
  private steps = new Int32Array(0);
  private overloaded = new Uint8Array(0);
  private excluded = new Uint8Array(0);
  private cpuReserved = new Float64Array(0);
  private memoryReserved = new Float64Array(0);
  /** The power the host draws at util (0 unless on), kept in step with util by adjust. */
  private powerNow = new Float64Array(0);
  private curves: Float64Array[] = [];
  private onHosts: number[] = [];
  private offHosts: number[] = [];
  private readonly offCandidates = new OffHostCandidates();
  private skip = new Uint8Array(0);
  // Scratch reused every round (a round runs every 5 minutes of a day-long replay).
  private candidates = new Int32Array(64);
  private remaining = new Float64Array(64);
  private evacuees = new Int32Array(64);
  /** Each switched-on host's history as prepare() found it (host x historyLength), for relieve(). */
  private hostHistories = new Float64Array(0);
  private order: number[] = [];
  // Per round, per VM
  private vmPredicted = new Float64Array(0);

  constructor(detector: OverloadDetector, selector: VmSelector, settings: ConsolidationSettings, rng: RandomStream) {
    this.detector = detector;
    this.selector = selector;
    this.settings = settings;
    this.rng = rng;
    this.regression = Number.isNaN(detector.limit(new Float64Array(1), 1, 1, this.scratch));
  }

  plan(view: ConsolidationView): Migration[] {
    this.prepare(view);
    const leaving: { vm: number; from: number }[] = [];
    for (const host of this.onHosts) {
      if (!this.overloaded[host]) continue;
      for (const vm of this.relieve(view, host)) leaving.push({ vm, from: host });
    }
    leaving.sort((a, b) => view.vmWantMhz[b.vm]! - view.vmWantMhz[a.vm]! || a.vm - b.vm);
    const migrations: Migration[] = [];
    this.excluded.set(this.overloaded);
    const alike = (a: number, b: number): boolean => this.alikeOffHosts(view, a, b);
    for (const { vm, from } of leaving) {
      this.adjust(view, vm, from, -1, false);
      const to = this.findDestination(view, vm, this.onHosts) ?? this.findDestination(view, vm, this.offCandidates.candidates(alike));
      if (to !== undefined) {
        this.adjust(view, vm, to, 1, true);
        migrations.push({ vm, from, to, reason: 'overload' });
      } else {
        this.adjust(view, vm, from, 1, false);
      }
    }
    if (this.settings.underload) this.evacuateUnderloaded(view, migrations);
    return migrations;
  }

  /** Utilization, threshold, prediction and overload state of every host, once per round. */
  private prepare(view: ConsolidationView): void {
    const h = view.hostCount;
    if (this.util.length !== h) {
      this.util = new Float64Array(h);
      this.limit = new Float64Array(h);
      this.predicted = new Float64Array(h);
      this.steps = new Int32Array(h);
      this.overloaded = new Uint8Array(h);
      this.excluded = new Uint8Array(h);
      this.powerNow = new Float64Array(h);
      this.skip = new Uint8Array(h);
      this.cpuReserved = new Float64Array(h);
      this.memoryReserved = new Float64Array(h);
    }
    if (this.vmPredicted.length !== view.vmCount) this.vmPredicted = new Float64Array(view.vmCount);
    this.cpuReserved.set(view.placement.cpuReservedMhz);
    this.memoryReserved.set(view.placement.memoryReservedMiB);
    this.onHosts.length = 0;
    this.offHosts.length = 0;
    this.overloaded.fill(0);
    const n = view.historyLength;
    const enough = n >= this.detector.minHistory;
    const safety = this.settings.detectorSafety;
    if (this.history.length < n) this.history = new Float64Array(n);
    if (this.hostHistories.length < h * n) this.hostHistories = new Float64Array(h * n);
    // The threshold of a host with no load in its history (switched off, or empty).
    const idleLimit = this.regression ? Number.NaN : enough ? this.detector.limit(this.history.fill(0, 0, n), n, safety, this.scratch) : this.settings.fallbackThreshold;
    for (let host = 0; host < h; host++) {
      const state = view.hostState[host];
      this.util[host] = 0;
      this.predicted[host] = 0;
      this.limit[host] = idleLimit;
      this.curves[host] = view.powerCurve(host);
      this.powerNow[host] = 0;
      if (state === HOST_OFF) this.offHosts.push(host);
      if (state !== HOST_ON) continue;
      this.onHosts.push(host);
      this.steps[host] = view.migrationSteps(host);
      // The regression detectors also predict each VM, from the history read for the host's.
      this.hostHistory(view, host, enough && this.regression);
      this.hostHistories.set(this.history.subarray(0, n), host * n);
      this.util[host] = n > 0 ? this.history[n - 1]! : 0;
      this.powerNow[host] = powerAt(this.curves[host]!, this.util[host]!);
      if (!enough) {
        this.overloaded[host] = this.util[host]! > this.settings.fallbackThreshold ? 1 : 0;
        continue;
      }
      if (!this.regression) this.limit[host] = this.detector.limit(this.history, n, safety, this.scratch);
      this.overloaded[host] = this.detector.overloaded(this.history, n, safety, this.steps[host]!, this.scratch) ? 1 : 0;
    }
    this.offCandidates.reset(this.offHosts, h);
  }

  /** Whether two switched-off hosts score alike in findDestination for every VM. */
  private alikeOffHosts(view: ConsolidationView, a: number, b: number): boolean {
    const p = view.placement;
    if (this.excluded[a] !== this.excluded[b] || view.hostState[a] !== view.hostState[b]) return false;
    const sameAt = (x: ArrayLike<number>): boolean => same(x[a]!, x[b]!);
    if (!sameAt(p.cpuLimitMhz) || !sameAt(this.cpuReserved) || !sameAt(p.memoryOverheadMiB) || !sameAt(p.memoryLimitMiB)) return false;
    if (!sameAt(this.memoryReserved) || !sameAt(view.hostCapacityMhz) || !sameAt(this.util) || !sameAt(this.predicted)) return false;
    if (!sameAt(this.limit) || !sameAt(this.powerNow)) return false;
    const curveA = this.curves[a]!;
    const curveB = this.curves[b]!;
    if (curveA.length !== curveB.length) return false;
    for (let i = 0; i < curveA.length; i++) if (!same(curveA[i]!, curveB[i]!)) return false;
    return true;
  }

  /**
   * Writes the host's utilization history (sum of its VMs' over capacity) into this.history;
   * with `predict`, also each VM's loess prediction (vmPredicted) and their sum as the host's
   * predicted utilization.
   */
  private hostHistory(view: ConsolidationView, host: number, predict = false): number {
    const n = view.historyLength;
    if (this.history.length < n) this.history = new Float64Array(n);
    this.history.fill(0, 0, n);
    const count = view.vmsOn(host, this.listBuffer(view));
    const capacity = view.hostCapacityMhz[host]!;
    const from = this.windowStart(n);
    let sum = 0;
    for (let i = 0; i < count; i++) {
      const vm = this.vmList[i]!;
      const m = view.vmHistory(vm, this.ensureVmBuffer(n));
      for (let k = Math.max(0, from - (n - m)); k < m; k++) this.history[n - m + k] = this.history[n - m + k]! + this.vmBuffer[k]! / capacity;
      if (!predict) continue;
      this.vmPredicted[vm] = m > 0 ? predictUtilization(this.vmBuffer, m, this.steps[host]!, false, this.scratch) : 0;
      sum += this.vmPredicted[vm]!;
    }
    if (predict) this.predicted[host] = sum / capacity;
    return n;
  }

  /** The first position of a history of n values the detector reads (values before it stay 0). */
  private windowStart(n: number): number {
    const window = this.detector.window;
    return window === undefined ? 0 : Math.max(0, n - window);
  }

  private stillOverloaded(history: Float64Array, n: number, host: number): boolean {
    if (n === 0) return false;
    if (n < this.detector.minHistory) return history[n - 1]! > this.settings.fallbackThreshold;
    return this.detector.overloaded(history, n, this.settings.detectorSafety, this.steps[host]!, this.scratch);
  }

  /** Selects VMs off an overloaded host until its remaining history is no longer overloaded. */
  private relieve(view: ConsolidationView, host: number): number[] {
    // The view has not changed since prepare(), so neither has the host's history.
    const n = view.historyLength;
    const onHost = view.vmsOn(host, this.listBuffer(view));
    if (this.candidates.length < onHost) this.candidates = new Int32Array(this.vmList.length);
    const candidates = this.candidates;
    let count = 0;
    for (let i = 0; i < onHost; i++) if (!view.vmMigrating[this.vmList[i]!]) candidates[count++] = this.vmList[i]!;
    const chosen: number[] = [];
    const capacity = view.hostCapacityMhz[host]!;
    if (this.remaining.length < n) this.remaining = new Float64Array(n);
    const history = this.remaining.subarray(0, n);
    history.set(this.hostHistories.subarray(host * n, host * n + n));
    const selection: SelectionView = { memoryMiB: view.vmMemoryMiB, demandMhz: view.vmWantMhz, history: (v, out) => view.vmHistory(v, out) };
    const from = this.windowStart(n);
    while (count > 0) {
      const vm = this.selector.select(candidates, count, selection, this.rng);
      chosen.push(vm);
      candidates[candidates.indexOf(vm)] = candidates[--count]!;
      const m = view.vmHistory(vm, this.ensureVmBuffer(n));
      for (let k = Math.max(0, from - (n - m)); k < m; k++) history[n - m + k] = history[n - m + k]! - this.vmBuffer[k]! / capacity;
      if (!this.stillOverloaded(history, n, host)) break;
    }
    return chosen;
  }

  /** Power-aware best fit among the listed hosts that are not excluded; undefined when none fits. */
  private findDestination(view: ConsolidationView, vm: number, hosts: readonly number[]): number | undefined {
    const p = view.placement;
    const cpu = view.vmReserveCpuMhz[vm]!;
    const memory = view.vmReserveMemoryMiB[vm]!;
    const want = view.vmWantMhz[vm]!;
    const safety = this.settings.detectorSafety;
    let best: number | undefined;
    let bestIncrease = Infinity;
    for (const host of hosts) {
      if (this.excluded[host]) continue;
      if (cpu > p.cpuLimitMhz[host]! - this.cpuReserved[host]! + EPSILON) continue;
      if (memory + p.memoryOverheadMiB[host]! > p.memoryLimitMiB[host]! - this.memoryReserved[host]! + EPSILON) continue;
      const capacity = view.hostCapacityMhz[host]!;
      const after = this.util[host]! + want / capacity;
      if (after > 1) continue;
      if (this.regression ? safety * (this.predicted[host]! + this.vmPredicted[vm]! / capacity) >= 1 : after > this.limit[host]!) continue;
      const increase = powerAt(this.curves[host]!, after) - this.powerNow[host]!;
      if (increase < bestIncrease) {
        bestIncrease = increase;
        best = host;
      }
    }
    return best;
  }

  /** Moves a VM's load (and, when `reserve`, its reservation) onto (sign 1) or off (-1) a host. */
  private adjust(view: ConsolidationView, vm: number, host: number, sign: 1 | -1, reserve: boolean): void {
    const capacity = view.hostCapacityMhz[host]!;
    this.util[host] = this.util[host]! + (sign * view.vmWantMhz[vm]!) / capacity;
    if (view.hostState[host] === HOST_ON) this.powerNow[host] = powerAt(this.curves[host]!, this.util[host]!);
    this.predicted[host] = this.predicted[host]! + (sign * this.vmPredicted[vm]!) / capacity;
    if (view.hostState[host] === HOST_OFF) this.offCandidates.touch(host);
    if (!reserve) return;
    this.cpuReserved[host] = this.cpuReserved[host]! + sign * view.vmReserveCpuMhz[vm]!;
    this.memoryReserved[host] = this.memoryReserved[host]! + sign * (view.vmReserveMemoryMiB[vm]! + view.placement.memoryOverheadMiB[host]!);
  }

  private evacuateUnderloaded(view: ConsolidationView, migrations: Migration[]): void {
    const skip = this.skip;
    skip.set(this.overloaded);
    for (const m of migrations) skip[m.to] = 1;
    this.excluded.set(this.overloaded);
    const order = this.order;
    order.length = 0;
    const byWant = (a: number, b: number): number => view.vmWantMhz[b]! - view.vmWantMhz[a]! || a - b;
    for (const host of this.onHosts) {
      if (skip[host]) continue;
      const count = view.vmsOn(host, this.listBuffer(view));
      let migrating = false;
      for (let i = 0; i < count; i++) if (view.vmMigrating[this.vmList[i]!]) migrating = true;
      if (count > 0 && !migrating) order.push(host);
    }
    order.sort((a, b) => this.util[a]! - this.util[b]! || a - b);
    for (const host of order) {
      if (skip[host]) continue;
      skip[host] = 1;
      this.excluded[host] = 1;
      const count = view.vmsOn(host, this.listBuffer(view));
      if (this.evacuees.length < count) this.evacuees = new Int32Array(this.vmList.length);
      const vms = this.evacuees.subarray(0, count);
      vms.set(this.vmList.subarray(0, count));
      vms.sort(byWant);
      const moves: Migration[] = [];
      for (const vm of vms) {
        const to = this.findDestination(view, vm, this.onHosts);
        if (to === undefined) break;
        this.adjust(view, vm, to, 1, true);
        moves.push({ vm, from: host, to, reason: 'underload' });
      }
      if (moves.length < vms.length) {
        for (const move of moves) this.adjust(view, move.vm, move.to, -1, true);
        continue;
      }
      for (const move of moves) {
        this.adjust(view, move.vm, host, -1, false);
        skip[move.to] = 1;
        migrations.push(move);
      }
    }
  }

  private listBuffer(view: ConsolidationView): Int32Array {
    if (this.vmList.length < view.vmCount) this.vmList = new Int32Array(view.vmCount);
    return this.vmList;
  }

  private ensureVmBuffer(n: number): Float64Array {
    if (this.vmBuffer.length < n) this.vmBuffer = new Float64Array(n);
    return this.vmBuffer;
  }
}

/** Equal as numbers, NaN equal to NaN. */
function same(x: number, y: number): boolean {
  return x === y || (x !== x && y !== y);
}
