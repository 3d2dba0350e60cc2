import type { SimState } from './sim-state.js';
import { Hot } from './vm-hot.js';

/** Told before a deferrable VM's rates change (backlog.ts). */
export interface BacklogTouch {
  touch(vm: number, atMs: number): void;
}

/**
 * The only place where a rate is multiplied by a time. Every rate (demand, service, power, ...)
 * is constant between the events that change it, so each integral is brought up to date
 * ("touched") just before its rate changes, and once at the end of the run. The arrays are
 * copied into this object's own fields: these reads are the innermost loop of every replay.
 */
export class Integrals {
  private readonly energyFromMs: number;
  private readonly hostLastMs: Float64Array;
  private readonly hostDemand: Float64Array;
  private readonly hostServed: Float64Array;
  private readonly hostPower: Float64Array;
  private readonly hostActive: Uint8Array;
  private readonly hostOverloaded: Uint8Array;
  private readonly hostDemandInt: Float64Array;
  private readonly hostServedInt: Float64Array;
  private readonly hostEnergyInt: Float64Array;
  private readonly hostOnInt: Float64Array;
  private readonly hostOverloadInt: Float64Array;
  private readonly vmHot: Float64Array;
  private readonly vmMigrating: Uint8Array;
  private readonly vmDown: Uint8Array;
  private readonly vmAlive: Uint8Array;
  private readonly vmDegradedRate: Float64Array;
  private readonly vmDegradedInt: Float64Array;
  private readonly vmDownInt: Float64Array;
  private readonly vmLostInt: Float64Array;
  private readonly vmWaiting: Uint8Array;
  private readonly vmBooting: Uint8Array;
  private readonly vmHost: Int32Array;
  private readonly vmWaitingInt: Float64Array;
  private readonly vmAboveSizeInt: Float64Array;
  private readonly vmDeferrable: Uint8Array;
  /** Deferrable work's backlog, told before a deferrable VM's rates change (null: no VM is deferrable). */
  private backlog: BacklogTouch | null = null;

  constructor(
    private readonly s: SimState,
  ) {
    // The compatibility mode counts energy at CloudSim's processing moments instead (cloudsim-meter.ts).
    this.energyFromMs = s.options.compat ? Number.POSITIVE_INFINITY : s.options.power.energyFromMs;
    const h = s.host;
    const v = s.vm;
    this.hostLastMs = h.hostLastMs;
    this.hostDemand = h.hostDemand;
    this.hostServed = h.hostServed;
    this.hostPower = h.hostPower;
    this.hostActive = h.hostActive;
    this.hostOverloaded = h.hostOverloaded;
    this.hostDemandInt = h.hostDemandInt;
    this.hostServedInt = h.hostServedInt;
    this.hostEnergyInt = h.hostEnergyInt;
    this.hostOnInt = h.hostOnInt;
    this.hostOverloadInt = h.hostOverloadInt;
    this.vmHot = s.vm.vmHot;
    this.vmMigrating = v.vmMigrating;
    this.vmDown = v.vmDown;
    this.vmAlive = v.vmAlive;
    this.vmDegradedRate = v.vmDegradedRate;
    this.vmDegradedInt = v.vmDegradedInt;
    this.vmDownInt = v.vmDownInt;
    this.vmLostInt = v.vmLostInt;
    this.vmWaiting = v.vmWaiting;
    this.vmBooting = v.vmBooting;
    this.vmHost = v.vmHost;
    this.vmWaitingInt = v.vmWaitingInt;
    this.vmAboveSizeInt = v.vmAboveSizeInt;
    this.vmDeferrable = v.vmDeferrable;
  }

  trackBacklog(backlog: BacklogTouch): void {
    this.backlog = backlog;
  }

  /** The part of [fromMs, toMs) in which energy is counted (the classic setup skips the first interval). */
  energyMs(fromMs: number, toMs: number): number {
    const start = this.energyFromMs;
    return start <= fromMs ? toMs - fromMs : Math.max(0, toMs - start);
  }

  /** Integrates a host's constant rates up to `atMs`. */
  touchHost(host: number, atMs: number): void {
    const from = this.hostLastMs[host]!;
    const dt = atMs - from;
    if (dt <= 0) return;
    this.hostDemandInt[host] = this.hostDemandInt[host]! + this.hostDemand[host]! * dt;
    this.hostServedInt[host] = this.hostServedInt[host]! + this.hostServed[host]! * dt;
    // energyMs(from, atMs), written out: this runs for every sample.
    const energyFrom = this.energyFromMs;
    const energyDt = energyFrom <= from ? dt : Math.max(0, atMs - energyFrom);
    this.hostEnergyInt[host] = this.hostEnergyInt[host]! + this.hostPower[host]! * energyDt;
    if (this.hostActive[host]) {
      this.hostOnInt[host] = this.hostOnInt[host]! + dt;
      if (this.hostOverloaded[host]) this.hostOverloadInt[host] = this.hostOverloadInt[host]! + dt;
    }
    this.hostLastMs[host] = atMs;
  }

  /**
   * Integrates a VM's constant rates up to `atMs`. Unmet demand is split by cause here: demand
   * while down (lost; the part waiting for or booting on a new host apart), and demand above the
   * VM's cap while it runs, which no number of hosts would serve.
   */
  touchVm(vm: number, atMs: number): void {
    // Before the early return: a deferrable VM's first touch at its arrival counts too. Without
    // a backlog no VM is deferrable, and the flag is not read.
    if (this.backlog !== null && this.vmDeferrable[vm]) this.backlog.touch(vm, atMs);
    const hot = this.vmHot;
    const r = vm * Hot.Stride;
    const dt = atMs - hot[r + Hot.LastMs]!;
    if (dt <= 0) return;
    const demand = hot[r + Hot.Demand]!;
    hot[r + Hot.DemandInt] = hot[r + Hot.DemandInt]! + demand * dt;
    hot[r + Hot.ServedInt] = hot[r + Hot.ServedInt]! + hot[r + Hot.Served]! * dt;
    const down = this.vmDown[vm]!;
    if (this.vmMigrating[vm]! | down) {
      this.vmDegradedInt[vm] = this.vmDegradedInt[vm]! + this.vmDegradedRate[vm]! * dt;
      if (down && this.vmAlive[vm]) {
        this.vmDownInt[vm] = this.vmDownInt[vm]! + dt;
        this.vmLostInt[vm] = this.vmLostInt[vm]! + demand * dt;
        if (this.vmWaiting[vm]! | this.vmBooting[vm]!) this.vmWaitingInt[vm] = this.vmWaitingInt[vm]! + demand * dt;
      }
    }
    const cap = hot[r + Hot.CapMhz]!;
    if (!down && demand > cap && this.vmHost[vm]! >= 0) {
      this.vmAboveSizeInt[vm] = this.vmAboveSizeInt[vm]! + (demand - cap) * dt;
    }
    hot[r + Hot.LastMs] = atMs;
  }

  /** Adds the cluster's rates over [fromMs, toMs) to the run meter (called once per time step). */
  integrateCluster(fromMs: number, toMs: number): void {
    const s = this.s;
    const m = s.meter;
    const dt = toMs - fromMs;
    m.hostsDownInt += s.hostsDown * dt;
    m.vmsWaitingInt += s.waitingCount * dt;
    m.demandInt += s.clusterDemand * dt;
    m.servedInt += s.clusterServed * dt;
    m.capacityInt += s.clusterCapacity * dt;
    m.powerInt += s.clusterPower * this.energyMs(fromMs, toMs);
    m.activeHostsInt += s.clusterActive * dt;
    m.runningVmsInt += s.clusterRunningVms * dt;
    m.footprintInt += s.clusterFootprint * dt;
    m.overcommittedMemoryInt += s.clusterOvercommitted * dt;
    if (s.clusterActive > m.activeHostsPeak) m.activeHostsPeak = s.clusterActive;
    if (s.clusterPower > m.powerPeakW) m.powerPeakW = s.clusterPower;
  }
}
