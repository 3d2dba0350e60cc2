import { powerAt } from '../../model/power-curve.js';
import type { SimState } from '../sim-state.js';
import { CloudsimSla } from './cloudsim-sla.js';
import { Hot } from '../vm-hot.js';

/**
 * CloudSim 3.0.3's datacenter processing (PowerDatacenter.updateCloudetProcessingWithout-
 * SchedulingFutureEventsForce) at the moments CloudSim runs it: every scheduling interval and
 * at each migration's end. Each host's utilization is what HostDynamicWorkload.updateVmsProcessing
 * allocates: requests capped at one core (VmSchedulerTimeSharedOverSubscription), a migrating
 * VM's source charged its full request (allocated x 0.9, then / 0.9) and its destination 10%,
 * scaled down to the host's MIPS when oversubscribed. Energy, the host state history behind
 * CloudSim's shutdown count, and the utilization the next round ranks hosts by come from here.
 * Runs only in the compatibility mode, a few times per interval (never per sample).
 */
export class CloudsimMeter {
  private lastMs = 0;
  private entryMs = -1;
  private readonly hostPeMips: Float64Array;
  private readonly coreCap: boolean;
  private readonly accounting: boolean;
  private readonly trapezoid: boolean;
  private readonly followsLoad: boolean;
  private readonly sla: CloudsimSla;
  private readonly scale: Float64Array;
  private readonly raw: Float32Array | null;
  /**
   * First copies of VMs moved twice in one round: CloudSim keeps them going, so their
   * destination carries 10% of the VM until they end (then the second copy wins).
   */
  private ghosts: { vm: number; host: number; endMs: number }[] = [];

  constructor(private readonly s: SimState) {
    const compat = s.options.compat!;
    this.coreCap = compat.switches.coreCap;
    this.accounting = compat.switches.migrationAccounting;
    this.trapezoid = compat.switches.trapezoidEnergy;
    this.followsLoad = s.options.power.followsLoad;
    this.hostPeMips = Float64Array.from(s.dc.modelOf, (m) => s.dc.models[m]!.mhzPerCore);
    s.host.csActive.fill(1);
    this.sla = new CloudsimSla(s);
    this.scale = new Float64Array(s.hostCount);
    this.raw = compat.rawCpuMhz ?? null;
  }

  /** Host utilization (0..1) at the last processing. */
  utilization(host: number): number {
    return this.s.host.csUtilMips[host]! / this.s.hostGuestCapacity[host]!;
  }

  get peMips(): Float64Array {
    return this.hostPeMips;
  }

  /** A VM's first copy to `host` keeps running until `endMs` although it was moved on. */
  addGhost(vm: number, host: number, endMs: number): void {
    this.ghosts.push({ vm, host, endMs });
  }

  /** Drops the first copies that ended by `atMs` (their VM_MIGRATE has been processed). */
  dropGhosts(atMs: number): void {
    if (this.ghosts.length > 0) this.ghosts = this.ghosts.filter((g) => g.endMs > atMs && this.s.vm.vmHost[g.vm]! >= 0);
  }

  /** One processing at `atMs`: utilization now, energy since the last one, a state history entry. */
  process(atMs: number): void {
    const s = this.s;
    const h = s.host;
    if (this.entryMs >= 0 && atMs !== this.entryMs) this.sla.close(this.entryMs, atMs);
    // A first copy ending now still counts in the processing before that moment's moves.
    if (this.ghosts.length > 0) this.ghosts = this.ghosts.filter((g) => g.endMs >= atMs && this.s.vm.vmHost[g.vm]! >= 0);
    this.measure(atMs);
    const dtMs = atMs - this.lastMs;
    if (dtMs > 0) {
      let energy = 0;
      for (let host = 0; host < s.hostCount; host++) {
        const watts = this.meanPowerW(host);
        h.hostEnergyInt[host] = h.hostEnergyInt[host]! + watts * dtMs;
        energy += watts * dtMs;
      }
      s.meter.powerInt += energy;
    }
    this.recordStates(atMs);
    this.lastMs = atMs;
  }

  /** Mean power over the last step: PowerHost.getEnergyLinearInterpolation (0 W from 0% utilization). */
  private meanPowerW(host: number): number {
    const curve = this.s.hostCurve[host]!;
    // PowerDatacenterNonPowerAware charges every host its full power all the time.
    if (!this.followsLoad) return curve[10]!;
    const capacity = this.s.hostGuestCapacity[host]!;
    const before = this.s.host.csPrevUtilMips[host]! / capacity;
    if (before === 0) return 0;
    if (!this.trapezoid) return powerAt(curve, before);
    return (powerAt(curve, before) + powerAt(curve, this.s.host.csUtilMips[host]! / capacity)) / 2;
  }

  /** HostDynamicWorkload.addStateHistoryEntry (an entry at the same time replaces the last one). */
  private recordStates(atMs: number): void {
    const h = this.s.host;
    const sameTime = atMs === this.entryMs;
    for (let host = 0; host < this.s.hostCount; host++) {
      if (!sameTime) {
        // Helper.getTimesBeforeHostShutdown: an active entry followed by an inactive one.
        if (this.entryMs >= 0 && h.csActive[host] && !h.csPendingActive[host]) this.s.meter.hostShutdowns++;
        if (this.entryMs >= 0) h.csActive[host] = h.csPendingActive[host]!;
      }
      h.csPendingActive[host] = h.csUtilMips[host]! > 0 ? 1 : 0;
      h.csPendingViolating[host] = h.csUtilMips[host]! < h.csRequestedMips[host]! ? 1 : 0;
    }
    this.entryMs = atMs;
  }

  /** Closes the state history at the end of the run (its last entries count too). */
  finish(): void {
    const h = this.s.host;
    this.s.meter.cloudsimSla = this.sla.result();
    if (this.entryMs < 0) return;
    for (let host = 0; host < this.s.hostCount; host++) if (h.csActive[host] && !h.csPendingActive[host]) this.s.meter.hostShutdowns++;
  }

  /**
   * HostDynamicWorkload.updateVmsProcessing for every host: each VM's request capped at one core,
   * scaled down (and floored) on an oversubscribed host (redistributeMipsDueToOverSubscription),
   * the source of a migration allocated 90% and charged allocated / 0.9, the destination 10%.
   * Opens each host's and VM's state history entry (allocated and requested MIPS).
   */
  private measure(atMs: number): void {
    const s = this.s;
    const h = s.host;
    const v = s.vm;
    h.csPrevUtilMips.set(h.csUtilMips);
    const load = h.csUtilMips;
    const requested = h.csRequestedMips;
    load.fill(0);
    requested.fill(0);
    // What each host's scheduler is asked for: the basis of its oversubscription factor.
    for (let vm = 0; vm < s.vmCount; vm++) {
      const host = v.vmHost[vm]!;
      if (host < 0) continue;
      const request = this.requestAt(vm, atMs);
      v.csVmRequestMips[vm] = request;
      requested[host] = requested[host]! + request;
      load[host] = load[host]! + this.capped(request, host);
      if (!v.vmMigrating[vm] || !this.accounting) continue;
      const to = v.vmMigrationTarget[vm]!;
      requested[to] = requested[to]! + this.sla.destinationRequest(request);
      load[to] = load[to]! + 0.1 * this.capped(request, to);
    }
    for (const g of this.ghosts) {
      const request = v.csVmRequestMips[g.vm]!;
      requested[g.host] = requested[g.host]! + this.sla.destinationRequest(request);
      load[g.host] = load[g.host]! + 0.1 * this.capped(request, g.host);
    }
    const scale = this.scale;
    for (let host = 0; host < s.hostCount; host++) {
      const capacity = s.hostGuestCapacity[host]!;
      scale[host] = load[host]! > capacity ? capacity / load[host]! : 1;
      load[host] = 0;
    }
    for (let vm = 0; vm < s.vmCount; vm++) {
      const host = v.vmHost[vm]!;
      if (host < 0) continue;
      const request = v.csVmRequestMips[vm]!;
      const migrating = v.vmMigrating[vm] === 1;
      const allocated = this.allocated(this.capped(request, host) * (migrating ? 0.9 : 1), scale[host]!);
      // The source is charged the VM's full load: allocated / 0.9 (HostDynamicWorkload).
      load[host] = load[host]! + (migrating && this.accounting ? allocated / 0.9 : allocated);
      v.csVmEntry[vm] = 1;
      v.csVmAllocated[vm] = allocated;
      v.csVmRequested[vm] = request;
      v.csVmInMigration[vm] = migrating ? 1 : 0;
      if (!migrating || !this.accounting) continue;
      const to = v.vmMigrationTarget[vm]!;
      load[to] = load[to]! + this.allocated(0.1 * this.capped(request, to), scale[to]!);
    }
    this.addGhostLoads(load, scale);
  }

  private addGhostLoads(load: Float64Array, scale: Float64Array): void {
    for (const g of this.ghosts) load[g.host] = load[g.host]! + this.allocated(0.1 * this.capped(this.s.vm.csVmRequestMips[g.vm]!, g.host), scale[g.host]!);
  }

  /**
   * What a VM requests at `atMs`: CloudSim's UtilizationModelPlanetLabInMemory interpolates
   * between the samples around that moment (in 64-bit arithmetic) and heads for 0 past the
   * last one. Without the interpolated read (vanishingVms off), the sample as it is.
   */
  private requestAt(vm: number, atMs: number): number {
    const s = this.s;
    const raw = this.raw;
    if (raw === null) return s.vm.vmHot[vm * Hot.Stride + Hot.Demand]!;
    const w = s.w;
    const k = s.vm.vmHot[vm * Hot.Stride + Hot.Cursor]! - 1;
    const start = w.sampleStart[vm]!;
    const end = w.sampleStart[vm + 1]!;
    if (k < start || k >= end) return s.vm.vmHot[vm * Hot.Stride + Hot.Demand]!;
    const at = w.sampleAtMs[k]!;
    const here = raw[k]!;
    const next = k + 1 < end ? raw[k + 1]! : 0;
    const stepMs = k + 1 < end ? w.sampleAtMs[k + 1]! - at : k > start ? at - w.sampleAtMs[k - 1]! : 0;
    return stepMs > 0 ? here + ((next - here) * (atMs - at)) / stepMs : here;
  }

  /** An allocation on a host scaled by `factor` (< 1 when oversubscribed, then floored as CloudSim does). */
  private allocated(mips: number, factor: number): number {
    return factor < 1 ? Math.floor(mips * factor) : mips;
  }

  private capped(request: number, host: number): number {
    return this.coreCap && request > this.hostPeMips[host]! ? this.hostPeMips[host]! : request;
  }
}
