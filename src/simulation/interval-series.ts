import { Hot } from './vm-hot.js';

/** The per-host and per-VM integrals the series reads (the simulation state's arrays). */
export interface SeriesSources {
  host: { hostDemandInt: Float64Array; hostServedInt: Float64Array; hostEnergyInt: Float64Array; hostOnInt: Float64Array };
  /** vmHot: the per-VM records of vm-hot.ts (last touch, rates and integrals). */
  vm: { vmHost: Int32Array; vmHot: Float64Array };
}

/**
 * Per report interval, per host and per VM: what was asked and served (means over the
 * interval, MHz), host power (mean W, counted like energy) and on-time, and where each VM was
 * at the interval's end. Recorded only when a run asks for it (replay --parquet): the arrays
 * are sized once at the start, and each tick reads the integrals without touching VM state,
 * so a run's other results are the same bytes with or without it. Float32 halves the memory
 * (ticks x VMs values); per-interval means need no more precision than that.
 */
export class IntervalSeries {
  readonly hostCount: number;
  readonly vmCount: number;
  readonly intervalMs: number;
  /** Row-major ticks x hosts. */
  readonly hostDemandMhz: Float32Array;
  readonly hostServedMhz: Float32Array;
  readonly hostPowerW: Float32Array;
  /** Fraction of the interval the host was active (on and counted). */
  readonly hostOnFraction: Float32Array;
  /** Row-major ticks x VMs. */
  readonly vmDemandMhz: Float32Array;
  readonly vmServedMhz: Float32Array;
  /** Host index at the interval's end, -1 when none. */
  readonly vmHost: Int32Array;
  recordedTicks = 0;
  private readonly last: Float64Array;

  constructor(hostCount: number, vmCount: number, tickCount: number, intervalMs: number) {
    this.hostCount = hostCount;
    this.vmCount = vmCount;
    this.intervalMs = intervalMs;
    this.hostDemandMhz = new Float32Array(tickCount * hostCount);
    this.hostServedMhz = new Float32Array(tickCount * hostCount);
    this.hostPowerW = new Float32Array(tickCount * hostCount);
    this.hostOnFraction = new Float32Array(tickCount * hostCount);
    this.vmDemandMhz = new Float32Array(tickCount * vmCount);
    this.vmServedMhz = new Float32Array(tickCount * vmCount);
    this.vmHost = new Int32Array(tickCount * vmCount);
    this.last = new Float64Array(4 * hostCount + 2 * vmCount);
  }

  /** Closes interval `tick` of `lengthMs` ending at `atMs`; every host is already touched to `atMs`. */
  record(s: SeriesSources, tick: number, lengthMs: number, atMs: number): void {
    const h = s.host;
    const v = s.vm;
    const hot = s.vm.vmHot;
    const last = this.last;
    const H = this.hostCount;
    for (let host = 0; host < H; host++) {
      const i = tick * H + host;
      this.hostDemandMhz[i] = (h.hostDemandInt[host]! - last[host]!) / lengthMs;
      this.hostServedMhz[i] = (h.hostServedInt[host]! - last[H + host]!) / lengthMs;
      this.hostPowerW[i] = (h.hostEnergyInt[host]! - last[2 * H + host]!) / lengthMs;
      this.hostOnFraction[i] = (h.hostOnInt[host]! - last[3 * H + host]!) / lengthMs;
      last[host] = h.hostDemandInt[host]!;
      last[H + host] = h.hostServedInt[host]!;
      last[2 * H + host] = h.hostEnergyInt[host]!;
      last[3 * H + host] = h.hostOnInt[host]!;
    }
    const base = 4 * H;
    for (let vm = 0; vm < this.vmCount; vm++) {
      const r = vm * Hot.Stride;
      const pending = atMs - hot[r + Hot.LastMs]!;
      const demand = hot[r + Hot.DemandInt]! + (pending > 0 ? hot[r + Hot.Demand]! * pending : 0);
      const served = hot[r + Hot.ServedInt]! + (pending > 0 ? hot[r + Hot.Served]! * pending : 0);
      const i = tick * this.vmCount + vm;
      this.vmDemandMhz[i] = (demand - last[base + vm]!) / lengthMs;
      this.vmServedMhz[i] = (served - last[base + this.vmCount + vm]!) / lengthMs;
      this.vmHost[i] = v.vmHost[vm]!;
      last[base + vm] = demand;
      last[base + this.vmCount + vm] = served;
    }
    this.recordedTicks = tick + 1;
  }
}
