import type { RandomStream } from '../engine/random.js';
import { powerAt } from '../model/power-curve.js';
import { DEFAULT_FILTERS } from '../placement/plugins.js';
import type { PlacementRequest, PlacementView } from '../placement/placement-view.js';
import { HOST_OFF, HOST_ON, type ConsolidationSettings, type ConsolidationView, type Migration } from './consolidation-view.js';
import { predictUtilization } from './detectors/local-regression.js';
import { DetectorScratch, type OverloadDetector } from './overload-detector.js';
import type { VmSelector } from './vm-selector.js';

/**
 * One round of dynamic consolidation (Beloglazov & Buyya, CCPE 2012):
 * 1. find overloaded hosts with the detector (the static fallback threshold while history is short);
 * 2. on each, pick VMs with the selector until the host is no longer overloaded;
 * 3. place them by power-aware best-fit decreasing: largest CPU first, each on the host whose
 *    power rises least, never on an overloaded host nor one the move would overload, switched-on
 *    hosts first and switched-off ones only when no switched-on host fits;
 * 4. then, least-utilized host first, try to move all VMs off a host (to switched-on hosts only);
 *    all or nothing, so that the emptied host can be switched off.
 * Pure: reads the view, returns the migrations in the order they should start.
 */
export class ConsolidationPlanner {
  private readonly detector: OverloadDetector;
  private readonly selector: VmSelector;
  private readonly settings: ConsolidationSettings;
  private readonly rng: RandomStream;
  private readonly scratch = new DetectorScratch();
  private history = new Float64Array(64);
  private vmBuffer = new Float64Array(64);
  private vmList = new Int32Array(64);
  // Per round
  private util = new Float64Array(0);
  private limit = new Float64Array(0);
  private predicted = new Float64Array(0);
  private vmPredicted = new Float64Array(0);
  private excluded = new Uint8Array(0);
  private tempView!: PlacementView;

  constructor(detector: OverloadDetector, selector: VmSelector, settings: ConsolidationSettings, rng: RandomStream) {
    this.detector = detector;
    this.selector = selector;
    this.settings = settings;
    this.rng = rng;
  }

  plan(view: ConsolidationView): Migration[] {
    this.prepare(view);
    const overloaded = new Uint8Array(view.hostCount);
    const leaving: { vm: number; from: number }[] = [];
    for (let host = 0; host < view.hostCount; host++) {
      if (view.hostState[host] !== HOST_ON) continue;
      if (this.hostOverloaded(view, host, this.hostHistory(view, host))) {
        overloaded[host] = 1;
        for (const vm of this.relieve(view, host)) leaving.push({ vm, from: host });
      }
    }
    leaving.sort((a, b) => view.vmWantMhz[b.vm]! - view.vmWantMhz[a.vm]! || a.vm - b.vm);
    const migrations: Migration[] = [];
    this.excluded.set(overloaded);
    for (const { vm, from } of leaving) {
      this.removeLoad(view, vm, from);
      const to = this.findDestination(view, vm, HOST_ON) ?? this.findDestination(view, vm, HOST_OFF);
      if (to !== undefined) {
        this.addLoad(view, vm, to);
        migrations.push({ vm, from, to, reason: 'overload' });
      }
    }
    if (this.settings.underload) this.evacuateUnderloaded(view, overloaded, migrations);
    return migrations;
  }

  /** Current utilization, detector limit and regression prediction of every host. */
  private prepare(view: ConsolidationView): void {
    const h = view.hostCount;
    if (this.util.length !== h) {
      this.util = new Float64Array(h);
      this.limit = new Float64Array(h);
      this.predicted = new Float64Array(h);
      this.excluded = new Uint8Array(h);
    }
    if (this.vmPredicted.length !== view.vmCount) this.vmPredicted = new Float64Array(view.vmCount);
    this.tempView = {
      ...view.placement,
      cpuReservedMhz: Float64Array.from(view.placement.cpuReservedMhz),
      memoryReservedMiB: Float64Array.from(view.placement.memoryReservedMiB),
      gpusReserved: Float64Array.from(view.placement.gpusReserved),
    };
    const regression = Number.isNaN(this.detector.limit(this.history, 1, 1, this.scratch));
    for (let host = 0; host < h; host++) {
      const n = this.hostHistory(view, host);
      this.util[host] = n > 0 ? this.history[n - 1]! : 0;
      this.limit[host] = n >= this.detector.minHistory && !regression ? this.detector.limit(this.history, n, this.settings.detectorSafety, this.scratch) : this.settings.fallbackThreshold;
      this.predicted[host] = 0;
      if (regression && n >= this.detector.minHistory) {
        const count = view.vmsOn(host, this.listBuffer(view));
        for (let i = 0; i < count; i++) {
          const vm = this.vmList[i]!;
          const m = view.vmHistory(vm, this.ensureVmBuffer(view.historyLength));
          this.vmPredicted[vm] = m > 0 ? predictUtilization(this.vmBuffer, m, view.migrationSteps(host), false, this.scratch) : 0;
          this.predicted[host] = this.predicted[host]! + this.vmPredicted[vm]! / view.hostCapacityMhz[host]!;
        }
      }
    }
  }

  /** Writes the host's utilization history (sum of its VMs' over capacity) into this.history. */
  private hostHistory(view: ConsolidationView, host: number): number {
    const n = view.historyLength;
    if (this.history.length < n) this.history = new Float64Array(n);
    this.history.fill(0, 0, n);
    const count = view.vmsOn(host, this.listBuffer(view));
    const capacity = view.hostCapacityMhz[host]!;
    for (let i = 0; i < count; i++) {
      const m = view.vmHistory(this.vmList[i]!, this.ensureVmBuffer(n));
      for (let k = 0; k < m; k++) this.history[n - m + k] = this.history[n - m + k]! + this.vmBuffer[k]! / capacity;
    }
    return n;
  }

  private hostOverloaded(view: ConsolidationView, host: number, n: number): boolean {
    if (n === 0) return false;
    if (n < this.detector.minHistory) return this.history[n - 1]! > this.settings.fallbackThreshold;
    return this.detector.overloaded(this.history, n, this.settings.detectorSafety, view.migrationSteps(host), this.scratch);
  }

  /** Selects VMs off an overloaded host until it is not overloaded (this.history holds its history). */
  private relieve(view: ConsolidationView, host: number): number[] {
    const onHost = view.vmsOn(host, this.listBuffer(view));
    const candidates = new Int32Array(onHost);
    let count = 0;
    for (let i = 0; i < onHost; i++) if (!view.vmMigrating[this.vmList[i]!]) candidates[count++] = this.vmList[i]!;
    const chosen: number[] = [];
    const n = view.historyLength;
    const capacity = view.hostCapacityMhz[host]!;
    const history = Float64Array.from(this.history.subarray(0, n));
    while (count > 0) {
      const vm = this.selector.select(candidates, count, { memoryMiB: view.vmMemoryMiB, demandMhz: view.vmWantMhz, history: (v, out) => view.vmHistory(v, out) }, this.rng);
      chosen.push(vm);
      const at = candidates.indexOf(vm);
      candidates[at] = candidates[--count]!;
      const m = view.vmHistory(vm, this.ensureVmBuffer(n));
      for (let k = 0; k < m; k++) history[n - m + k] = history[n - m + k]! - this.vmBuffer[k]! / capacity;
      this.history.set(history);
      if (!this.hostOverloaded(view, host, n)) break;
    }
    return chosen;
  }

  /** Power-aware best fit among hosts in `state` that are not excluded; undefined when none fits. */
  private findDestination(view: ConsolidationView, vm: number, state: number): number | undefined {
    const request: PlacementRequest = { cpuMhz: view.vmReserveCpuMhz[vm]!, memoryMiB: view.vmReserveMemoryMiB[vm]!, gpus: 0 };
    let best: number | undefined;
    let bestIncrease = Infinity;
    for (let host = 0; host < view.hostCount; host++) {
      if (this.excluded[host] || view.hostState[host] !== state) continue;
      if (!DEFAULT_FILTERS.every((f) => f.passes(this.tempView, host, request))) continue;
      const capacity = view.hostCapacityMhz[host]!;
      const after = this.util[host]! + view.vmWantMhz[vm]! / capacity;
      if (this.overloadedAfter(host, vm, after, capacity)) continue;
      const curve = view.powerCurve(host);
      const before = state === HOST_ON ? powerAt(curve, this.util[host]!) : 0;
      const increase = powerAt(curve, after) - before;
      if (increase < bestIncrease) {
        bestIncrease = increase;
        best = host;
      }
    }
    return best;
  }

  private overloadedAfter(host: number, vm: number, after: number, capacity: number): boolean {
    if (after > 1) return true;
    const predicted = this.predicted[host]!;
    if (predicted !== 0 || this.vmPredicted[vm] !== 0) {
      return this.settings.detectorSafety * (predicted + this.vmPredicted[vm]! / capacity) >= 1;
    }
    return after > this.limit[host]!;
  }

  private addLoad(view: ConsolidationView, vm: number, host: number): void {
    this.adjust(view, vm, host, 1);
  }

  private removeLoad(view: ConsolidationView, vm: number, host: number): void {
    const capacity = view.hostCapacityMhz[host]!;
    this.util[host] = this.util[host]! - view.vmWantMhz[vm]! / capacity;
    this.predicted[host] = this.predicted[host]! - this.vmPredicted[vm]! / capacity;
  }

  private adjust(view: ConsolidationView, vm: number, host: number, sign: 1 | -1): void {
    const capacity = view.hostCapacityMhz[host]!;
    this.util[host] = this.util[host]! + (sign * view.vmWantMhz[vm]!) / capacity;
    this.predicted[host] = this.predicted[host]! + (sign * this.vmPredicted[vm]!) / capacity;
    const t = this.tempView;
    t.cpuReservedMhz[host] = t.cpuReservedMhz[host]! + sign * view.vmReserveCpuMhz[vm]!;
    t.memoryReservedMiB[host] = t.memoryReservedMiB[host]! + sign * (view.vmReserveMemoryMiB[vm]! + t.memoryOverheadMiB[host]!);
  }

  private evacuateUnderloaded(view: ConsolidationView, overloaded: Uint8Array, migrations: Migration[]): void {
    const skip = Uint8Array.from(overloaded);
    for (const m of migrations) skip[m.to] = 1;
    this.excluded.set(overloaded);
    const order: number[] = [];
    for (let host = 0; host < view.hostCount; host++) {
      if (view.hostState[host] !== HOST_ON || skip[host]) continue;
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
      const vms = Array.from(this.vmList.subarray(0, count)).sort((a, b) => view.vmWantMhz[b]! - view.vmWantMhz[a]! || a - b);
      const moves: Migration[] = [];
      for (const vm of vms) {
        const to = this.findDestination(view, vm, HOST_ON);
        if (to === undefined) break;
        this.addLoad(view, vm, to);
        moves.push({ vm, from: host, to, reason: 'underload' });
      }
      if (moves.length < vms.length) {
        for (const move of moves) this.adjust(view, move.vm, move.to, -1);
        continue;
      }
      for (const move of moves) {
        this.removeLoad(view, move.vm, host);
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
