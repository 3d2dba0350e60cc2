import { powerAt } from '../../model/power-curve.js';
import { CloudsimDetector, type CloudsimDetectorSettings } from './cloudsim-detectors.js';
import { CloudsimPlanHosts } from './cloudsim-plan-hosts.js';
import { selectVm, type CloudsimSelection } from './cloudsim-selection.js';
import type { CloudsimView } from './cloudsim-view.js';

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
  private readonly hosts: CloudsimPlanHosts;
  /** Per round: each host's power now, as findHostForVm subtracts it. */
  private powerBefore = new Float64Array(0);
  private window = new Float64Array(64);
  private vmWindow = new Float64Array(64);
  /** Hosts findHost scans: every host in the overload pass, the switched-on ones in the underload pass. */
  private targets = new Int32Array(0);
  private targetCount = 0;
  /**
   * Empty, switched-off hosts of one class rank exactly alike, and the first in host order wins
   * ties: the overload pass looks at the first such host per class, plus every other host.
   */
  private busy: number[] = [];
  private pristineByClass: number[][] = [];
  private pristinePos: number[] = [];

  constructor(private readonly settings: CloudsimPlannerSettings) {
    this.detector = new CloudsimDetector(settings);
    this.hosts = new CloudsimPlanHosts(settings.coreCap);
  }

  plan(view: CloudsimView): CloudsimMove[] {
    const plan = this.hosts;
    plan.load(view);
    this.prepare(view);
    const hosts = view.hostCount;
    const overloaded = new Uint8Array(hosts);
    const overHosts: number[] = [];
    for (let host = 0; host < hosts; host++) {
      // An empty host's history is all zeros: no detector (nor its fallback) finds it overloaded.
      if (plan.lists[host]!.length > 0 && this.isOverloaded(view, host, -1)) {
        overloaded[host] = 1;
        overHosts.push(host);
      }
    }
    const leaving: number[] = [];
    for (const host of overHosts) {
      for (;;) {
        const vm = selectVm(view, this.hosts.lists[host]!, this.settings.selection, this.settings.muByFraction, this.hosts.n);
        if (vm < 0) break;
        leaving.push(vm);
        plan.remove(view, host, vm);
        if (!this.isOverloaded(view, host, -1)) break;
      }
    }
    const moves: CloudsimMove[] = [];
    // PowerVmList.sortByCpuUtilization: largest request first, a stable sort.
    const byRequest = (a: number, b: number) => view.vmRequestedMips[b]! - view.vmRequestedMips[a]!;
    for (const vm of leaving.sort(byRequest)) {
      this.overloadTargets(view);
      const to = this.findHost(view, vm, overloaded);
      if (to < 0) continue;
      if (this.isPristine(view, to)) this.busy.push(to);
      plan.add(view, to, vm);
      moves.push({ vm, to });
    }
    this.underload(view, overloaded, moves, byRequest);
    return moves;
  }

  private prepare(view: CloudsimView): void {
    const hosts = view.hostCount;
    if (this.powerBefore.length !== hosts) {
      this.powerBefore = new Float64Array(hosts);
      this.targets = new Int32Array(hosts);
    }
    const n = view.historyLength;
    if (this.window.length < n) {
      this.window = new Float64Array(n);
      this.vmWindow = new Float64Array(n);
    }
    this.busy = [];
    this.pristineByClass = [];
    for (let host = 0; host < hosts; host++) {
      if (!this.isPristine(view, host)) this.busy.push(host);
      else (this.pristineByClass[view.hostClass[host]!] ??= []).push(host);
    }
    this.pristinePos = this.pristineByClass.map(() => 0);
    for (let host = 0; host < hosts; host++) {
      const now = view.hostUtilization[host]!;
      // CloudSim charges a switched-off host P(after) - P(0); rackplan counts its idle power too.
      this.powerBefore[host] = this.settings.overloadDestinations || now > 0 ? powerAt(view.powerCurve(host), now) : 0;
    }
  }

  /** getMigrationMapFromUnderUtilizedHosts: evacuate the least-utilized hosts, all or nothing. */
  private underload(view: CloudsimView, overloaded: Uint8Array, moves: CloudsimMove[], byRequest: (a: number, b: number) => number): void {
    const plan = this.hosts;
    const hosts = view.hostCount;
    const excludedSource = Uint8Array.from(overloaded);
    const excludedTarget = Uint8Array.from(overloaded);
    for (let host = 0; host < hosts; host++) {
      if (view.hostUtilization[host] === 0) excludedSource[host] = excludedTarget[host] = 1;
    }
    // CloudSim starts the exclusion list from a new, empty migration map: this round's overload
    // destinations may be evacuated again. rackplan protects them.
    if (!this.settings.underloadPass) for (const move of moves) excludedSource[move.to] = 1;
    // Targets excluded now stay excluded: scan only the others.
    this.targetCount = 0;
    for (let host = 0; host < hosts; host++) if (!excludedTarget[host]) this.targets[this.targetCount++] = host;
    const rank = (host: number) => (this.settings.underloadPass ? view.hostUtilization[host]! : plan.allocatedOn(view, host) / view.hostMips[host]!);
    // getUnderUtilizedHost: the least utilized of 0 < utilization < 1 (ranks never change in the pass).
    const order: number[] = [];
    for (let host = 0; host < hosts; host++) if (!excludedSource[host] && rank(host) > 0 && rank(host) < 1) order.push(host);
    order.sort((a, b) => rank(a) - rank(b) || a - b);
    for (const host of order) {
      if (excludedSource[host]) continue;
      const vms = plan.lists[host]!.filter((vm) => !view.vmMigrating[vm]);
      excludedSource[host] = excludedTarget[host] = 1;
      if (vms.length === 0) continue;
      const placed: CloudsimMove[] = [];
      for (const vm of vms.sort(byRequest)) {
        const to = this.findHost(view, vm, excludedTarget);
        if (to < 0) break;
        plan.add(view, to, vm);
        placed.push({ vm, to });
      }
      if (placed.length < vms.length) {
        for (const move of placed) plan.remove(view, move.to, move.vm);
        continue;
      }
      for (const move of placed) {
        excludedSource[move.to] = 1;
        moves.push(move);
      }
    }
  }

  private isPristine(view: CloudsimView, host: number): boolean {
    return view.hostUtilization[host] === 0 && this.hosts.lists[host]!.length === 0 && this.hosts.allocated[host] === 0;
  }

  /** The overload pass's candidates: every busy host and the first still-pristine host of each class. */
  private overloadTargets(view: CloudsimView): void {
    this.targetCount = 0;
    for (const host of this.busy) this.targets[this.targetCount++] = host;
    this.pristineByClass.forEach((order, c) => {
      let p = this.pristinePos[c]!;
      while (p < order.length && !this.isPristine(view, order[p]!)) p++;
      this.pristinePos[c] = p;
      if (p < order.length) this.targets[this.targetCount++] = order[p]!;
    });
  }

  /** findHostForVm: the suitable host whose power rises least (first in host order on ties). */
  private findHost(view: CloudsimView, vm: number, excluded: Uint8Array): number {
    const s = this.settings;
    const plan = this.hosts;
    const request = view.vmRequestedMips[vm]!;
    const peMips = view.hostPeMips;
    let best = -1;
    let bestIncrease = Number.MAX_VALUE;
    for (let i = 0; i < this.targetCount; i++) {
      const host = this.targets[i]!;
      if (excluded[host]) continue;
      // Host.isSuitableForVm: one core's MIPS and free MIPS. RAM and link never refuse a created
      // VM: the runners' cloudlets use UtilizationModelNull for both, so it requests 0 of each
      // (Vm.getCurrentRequestedRam / getCurrentRequestedBw), as rackplan's PlanetLab setups reserve none.
      if (s.coreCap && peMips[host]! < request) continue;
      const mips = view.hostMips[host]!;
      const allocated = plan.allocatedOn(view, host);
      if (mips - allocated < request) continue;
      const after = (allocated + request) / mips;
      // PowerModelSpecPower.getPower refuses utilization above 1; findHostForVm skips the host.
      if (after > 1) continue;
      const increase = powerAt(view.powerCurve(host), after) - this.powerBefore[host]!;
      // Checked after the cheaper power test: a host that cannot win needs no overload check.
      if (increase > bestIncrease || (increase === bestIncrease && host > best)) continue;
      const checked = !s.overloadDestinations || allocated !== 0;
      if (checked && this.isOverloaded(view, host, vm)) continue;
      bestIncrease = increase;
      best = host;
    }
    return best;
  }

  /** isHostOverUtilized of the host's current list (plus `extra` when >= 0: isHostOverUtilizedAfterAllocation). */
  private isOverloaded(view: CloudsimView, host: number, extra: number): boolean {
    const plan = this.hosts;
    const n = plan.n;
    const mips = view.hostMips[host]!;
    const w = this.window;
    for (let k = 0; k < n; k++) w[k] = plan.history[host * n + k]!;
    let requested = plan.requested[host]!;
    let maxRam = plan.maxRam(view, host);
    if (extra >= 0) {
      requested += view.vmRequestedMips[extra]!;
      maxRam = Math.max(maxRam, view.vmRamMb[extra]!);
      // iqr's threshold without the incoming VM's history is rackplan's (thresholds from the round start).
      if (this.settings.name !== 'iqr' || this.settings.nearestRankIqr) {
        const m = view.vmHistory(extra, this.vmWindow);
        for (let k = 0; k < m; k++) w[n - m + k] = w[n - m + k]! + this.vmWindow[k]! / mips;
      }
    }
    // getMaximumVmMigrationTime over the host's VMs, in scheduling intervals (Math.ceil).
    const steps = maxRam > 0 ? Math.ceil(view.migrationSeconds(maxRam) / view.intervalSeconds) : 0;
    return this.detector.overloaded(w, n, requested / mips, steps);
  }
}
