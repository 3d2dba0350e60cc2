import { powerAt } from '../../model/power-curve.js';
import { multipleCorrelations } from '../selectors/mc.js';
import { CloudsimDetector, type CloudsimDetectorSettings } from './cloudsim-detectors.js';
import type { CloudsimView } from './cloudsim-view.js';

export type CloudsimSelection = 'mmt' | 'mu' | 'mc';

export interface CloudsimPlannerSettings extends CloudsimDetectorSettings {
  selection: CloudsimSelection;
  overloadDestinations: boolean;
  underloadPass: boolean;
  coreCap: boolean;
  muByFraction: boolean;
}

/** One planned move. A VM may appear twice in a round (moved on again by the underload pass). */
export interface CloudsimMove {
  vm: number;
  to: number;
}

/**
 * CloudSim 3.0.3's PowerVmAllocationPolicyMigrationAbstract.optimizeAllocation, on its own copy
 * of the hosts' VM lists: overloaded hosts (getOverUtilizedHosts), VMs selected off them until
 * they are not overloaded (getVmsToMigrateFromHosts, which destroys them on the source), their
 * new hosts (getNewVmPlacement), then the underload pass (getMigrationMapFromUnderUtilizedHosts).
 * The moves are returned in CloudSim's order; the simulation starts and counts each of them.
 */
export class CloudsimPlanner {
  private readonly detector: CloudsimDetector;
  private lists: number[][] = [];
  private requested = new Float64Array(0);
  private allocated = new Float64Array(0);
  /** Per host, the sum of its VMs' requested-MIPS histories over host MIPS (oldest first). */
  private history = new Float64Array(0);
  private window = new Float64Array(0);
  private vmWindow = new Float64Array(0);
  private vmBuffer = new Int32Array(0);
  private n = 0;

  constructor(private readonly settings: CloudsimPlannerSettings) {
    this.detector = new CloudsimDetector(settings);
  }

  plan(view: CloudsimView): CloudsimMove[] {
    this.load(view);
    const hosts = view.hostCount;
    const overloaded = new Uint8Array(hosts);
    const overHosts: number[] = [];
    for (let host = 0; host < hosts; host++) {
      if (this.isOverloaded(view, host, -1)) {
        overloaded[host] = 1;
        overHosts.push(host);
      }
    }
    const leaving: number[] = [];
    for (const host of overHosts) {
      for (;;) {
        const vm = this.select(view, host);
        if (vm < 0) break;
        leaving.push(vm);
        this.remove(view, host, vm);
        if (!this.isOverloaded(view, host, -1)) break;
      }
    }
    const moves: CloudsimMove[] = [];
    const byRequest = (a: number, b: number) => view.vmRequestedMips[b]! - view.vmRequestedMips[a]!;
    for (const vm of leaving.sort(byRequest)) {
      const to = this.findHost(view, vm, overloaded);
      if (to < 0) continue;
      this.add(view, to, vm);
      moves.push({ vm, to });
    }
    this.underload(view, overloaded, moves, byRequest);
    return moves;
  }

  /** getMigrationMapFromUnderUtilizedHosts: evacuate the least-utilized hosts, all or nothing. */
  private underload(view: CloudsimView, overloaded: Uint8Array, moves: CloudsimMove[], byRequest: (a: number, b: number) => number): void {
    const hosts = view.hostCount;
    const excludedSource = Uint8Array.from(overloaded);
    const excludedTarget = Uint8Array.from(overloaded);
    for (let host = 0; host < hosts; host++) {
      if (view.hostUtilization[host] === 0) excludedSource[host] = excludedTarget[host] = 1;
    }
    // CloudSim starts the exclusion list from a new, empty migration map: this round's overload
    // destinations may be evacuated again. rackplan protects them.
    if (!this.settings.underloadPass) for (const move of moves) excludedSource[move.to] = 1;
    const rank = new Float64Array(hosts);
    for (let host = 0; host < hosts; host++) rank[host] = this.settings.underloadPass ? view.hostUtilization[host]! : this.allocatedOn(view, host) / view.hostMips[host]!;
    const order = Array.from({ length: hosts }, (_, host) => host).sort((a, b) => rank[a]! - rank[b]! || a - b);
    for (const host of order) {
      // getUnderUtilizedHost: 0 < utilization < 1, and some VM not migrating.
      if (excludedSource[host] || !(rank[host]! > 0 && rank[host]! < 1)) continue;
      const vms = this.lists[host]!.filter((vm) => !view.vmMigrating[vm]);
      excludedSource[host] = excludedTarget[host] = 1;
      if (vms.length === 0) continue;
      const placed: CloudsimMove[] = [];
      for (const vm of vms.sort(byRequest)) {
        const to = this.findHost(view, vm, excludedTarget);
        if (to < 0) break;
        this.add(view, to, vm);
        placed.push({ vm, to });
      }
      if (placed.length < vms.length) {
        for (const move of placed) this.remove(view, move.to, move.vm);
        continue;
      }
      for (const move of placed) {
        excludedSource[move.to] = 1;
        moves.push(move);
      }
    }
  }

  /** findHostForVm: the suitable host whose power rises least (first in host order on ties). */
  private findHost(view: CloudsimView, vm: number, excluded: Uint8Array): number {
    const s = this.settings;
    const request = view.vmRequestedMips[vm]!;
    let best = -1;
    let bestIncrease = Number.MAX_VALUE;
    for (let host = 0; host < view.hostCount; host++) {
      if (excluded[host]) continue;
      const mips = view.hostMips[host]!;
      // Host.isSuitableForVm: one core's MIPS and free MIPS. RAM and link never refuse a created
      // VM: the runners' cloudlets use UtilizationModelNull for both, so it requests 0 of each
      // (Vm.getCurrentRequestedRam / getCurrentRequestedBw), as rackplan's PlanetLab setups reserve none.
      if (s.coreCap && view.hostPeMips[host]! < request) continue;
      const allocated = this.allocatedOn(view, host);
      if (mips - allocated < request) continue;
      const after = (allocated + request) / mips;
      if (after > 1) continue;
      const curve = view.powerCurve(host);
      const now = view.hostUtilization[host]!;
      const before = s.overloadDestinations || now > 0 ? powerAt(curve, now) : 0;
      const increase = powerAt(curve, after) - before;
      if (increase >= bestIncrease) continue;
      const checked = !s.overloadDestinations || allocated !== 0;
      if (checked && this.isOverloaded(view, host, vm)) continue;
      bestIncrease = increase;
      best = host;
    }
    return best;
  }

  /** isHostOverUtilized of the host's current list (plus `extra` when >= 0: isHostOverUtilizedAfterAllocation). */
  private isOverloaded(view: CloudsimView, host: number, extra: number): boolean {
    const n = this.n;
    const mips = view.hostMips[host]!;
    const w = this.window;
    for (let k = 0; k < n; k++) w[k] = this.history[host * n + k]!;
    let requested = this.requested[host]!;
    let maxRam = this.maxRam(view, host);
    if (extra >= 0) {
      requested += view.vmRequestedMips[extra]!;
      maxRam = Math.max(maxRam, view.vmRamMb[extra]!);
      // iqr's threshold without the incoming VM's history is rackplan's (thresholds from the round start).
      const withHistory = this.settings.name !== 'iqr' || this.settings.nearestRankIqr;
      if (withHistory) {
        const m = view.vmHistory(extra, this.vmWindow);
        for (let k = 0; k < m; k++) w[n - m + k] = w[n - m + k]! + this.vmWindow[k]! / mips;
      }
    }
    // getMaximumVmMigrationTime over the host's VMs, in scheduling intervals (Math.ceil).
    const steps = maxRam > 0 ? Math.ceil(view.migrationSeconds(maxRam) / view.intervalSeconds) : 0;
    return this.detector.overloaded(w, n, requested / mips, steps);
  }

  private maxRam(view: CloudsimView, host: number): number {
    let max = 0;
    for (const vm of this.lists[host]!) max = Math.max(max, view.vmRamMb[vm]!);
    return max;
  }

  /** The VM selection policy's getVmToMigrate over the host's list, first VM winning ties; -1 when none. */
  private select(view: CloudsimView, host: number): number {
    const candidates = this.lists[host]!.filter((vm) => !view.vmMigrating[vm]);
    if (candidates.length === 0) return -1;
    const sel = this.settings.selection;
    if (sel === 'mc') {
      const chosen = this.maximumCorrelation(view, candidates);
      if (chosen >= 0) return chosen;
    }
    let best = -1;
    let bestMetric = Number.MAX_VALUE;
    for (const vm of candidates) {
      // PowerVmSelectionPolicyMinimumUtilization ranks by getTotalUtilizationOfCpuMips / getMips.
      const metric = sel === 'mu' ? view.vmRequestedMips[vm]! / (this.settings.muByFraction ? view.vmMips[vm]! : 1) : view.vmRamMb[vm]!;
      if (metric < bestMetric) {
        bestMetric = metric;
        best = vm;
      }
    }
    return best;
  }

  /** PowerVmSelectionPolicyMaximumCorrelation (largest R^2 of one history on the others'); -1: fall back to mmt. */
  private maximumCorrelation(view: CloudsimView, candidates: number[]): number {
    const n = this.n;
    if (candidates.length < 2 || n < candidates.length) return candidates.length === 1 ? candidates[0]! : -1;
    const series = candidates.map((vm) => {
      const out = new Float64Array(n);
      view.vmHistory(vm, out);
      return out;
    });
    const r2 = multipleCorrelations(series, n);
    let best = 0;
    for (let i = 1; i < candidates.length; i++) if (r2[i]! > r2[best]!) best = i;
    return candidates[best]!;
  }

  private add(view: CloudsimView, host: number, vm: number): void {
    this.lists[host]!.push(vm);
    this.account(view, host, vm, 1);
  }

  private remove(view: CloudsimView, host: number, vm: number): void {
    const list = this.lists[host]!;
    list.splice(list.indexOf(vm), 1);
    this.account(view, host, vm, -1);
  }

  private account(view: CloudsimView, host: number, vm: number, sign: 1 | -1): void {
    const request = view.vmRequestedMips[vm]!;
    this.requested[host] = this.requested[host]! + sign * request;
    this.allocated[host] = this.allocated[host]! + sign * this.capped(view, host, request);
    const n = this.n;
    const m = view.vmHistory(vm, this.vmWindow);
    const mips = view.hostMips[host]!;
    for (let k = 0; k < m; k++) this.history[host * n + n - m + k] = this.history[host * n + n - m + k]! + (sign * this.vmWindow[k]!) / mips;
  }

  private capped(view: CloudsimView, host: number, request: number): number {
    return this.settings.coreCap ? Math.min(request, view.hostPeMips[host]!) : request;
  }

  /** saveAllocation: this round's copy of every host's list, load, RAM and history. */
  private load(view: CloudsimView): void {
    const hosts = view.hostCount;
    const n = view.historyLength;
    this.n = n;
    if (this.vmBuffer.length < view.vmCount) this.vmBuffer = new Int32Array(view.vmCount);
    if (this.window.length < n) {
      this.window = new Float64Array(Math.max(n, 64));
      this.vmWindow = new Float64Array(Math.max(n, 64));
    }
    this.requested = new Float64Array(hosts);
    this.allocated = new Float64Array(hosts);
    this.history = new Float64Array(hosts * n);
    this.lists = [];
    for (let host = 0; host < hosts; host++) {
      const count = view.vmsOn(host, this.vmBuffer);
      this.lists.push([]);
      for (let i = 0; i < count; i++) this.add(view, host, this.vmBuffer[i]!);
    }
  }

  /** Allocated MIPS; an oversubscribed host allocates its MIPS (redistributeMipsDueToOverSubscription). */
  private allocatedOn(view: CloudsimView, host: number): number {
    return Math.min(this.allocated[host]!, view.hostMips[host]!);
  }
}
