import type { SpanningSettings } from '../services/scaling-rule.js';
import type { SettledObserver } from '../simulation/kernel.js';
import type { SimState } from '../simulation/sim-state.js';
import type { SpanningEstimate } from './compare-result.js';
import { Hot } from '../simulation/vm-hot.js';

const MS_PER_HOUR = 3_600_000;

/**
 * How far instances that outgrow their host would span other hosts of the same rack, measured
 * at every time step of a run (a settled-state observer: it reads the shares after each step and
 * changes nothing). Between two steps a host is short by its VMs' demand within their caps minus
 * its capacity: demand no share on that host can serve. A short host's VMs take spare CPU
 * (capacity minus served) of the other active hosts of its rack (hosts numbered into racks of
 * hostsPerRack, taken in host order), each remote MHz serving `efficiency` MHz, until the
 * shortfall is covered or the spare used. Hosts that are off or booting are not used, and a
 * migration's slow-down is not a shortfall. Not fed back: the run's shares, power and migrations
 * are those without spanning, so the estimate is what spanning would have recovered in that run.
 */
export class SpanningMeter {
  private readonly spare: Float64Array;
  private readonly want: Float64Array;
  private readonly vmsOn: Int32Array;
  private lastMs = 0;
  // Rates holding since lastMs.
  private instancesOn = 0;
  private spanningInstances = 0;
  private remoteMhz = 0;
  private shortMhz = 0;
  private instanceMs = 0;
  private spanningMs = 0;
  private remoteInt = 0;
  private shortInt = 0;
  private peakShare = 0;

  constructor(
    private readonly s: SimState,
    private readonly settings: SpanningSettings,
  ) {
    this.spare = new Float64Array(s.hostCount);
    this.want = new Float64Array(s.hostCount);
    this.vmsOn = new Int32Array(s.hostCount);
  }

  readonly observer: SettledObserver = (atMs) => {
    const dt = atMs - this.lastMs;
    this.instanceMs += this.instancesOn * dt;
    this.spanningMs += this.spanningInstances * dt;
    this.remoteInt += this.remoteMhz * dt;
    this.shortInt += this.shortMhz * dt;
    this.lastMs = atMs;
    this.measure();
  };

  private measure(): void {
    const { s, spare, want, vmsOn } = this;
    const h = s.host;
    const v = s.vm;
    want.fill(0);
    vmsOn.fill(0);
    this.instancesOn = 0;
    for (let vm = 0; vm < s.vmCount; vm++) {
      const host = v.vmHost[vm]!;
      if (host < 0) continue;
      vmsOn[host]!++;
      this.instancesOn++;
      want[host] = want[host]! + Math.min(v.vmHot[vm * Hot.Stride + Hot.Demand]!, s.rules.cpuCapMhz[vm]!);
    }
    for (let host = 0; host < s.hostCount; host++) spare[host] = Math.max(0, h.hostOffered[host]! - h.hostServed[host]!);
    this.spanningInstances = 0;
    this.remoteMhz = 0;
    this.shortMhz = 0;
    for (let host = 0; host < s.hostCount; host++) {
      const short = want[host]! - h.hostOffered[host]!;
      if (short <= 1e-6 || vmsOn[host] === 0 || h.hostOffered[host]! <= 0) continue;
      this.shortMhz += short;
      const used = this.takeFromRack(host, short / this.settings.efficiency);
      if (used <= 0) continue;
      this.spanningInstances += vmsOn[host]!;
      this.remoteMhz += used;
      this.peakShare = Math.max(this.peakShare, used / (h.hostServed[host]! + used));
    }
  }

  /** Takes up to `wanted` MHz from the other hosts of `host`'s rack, in host order; returns what it took. */
  private takeFromRack(host: number, wanted: number): number {
    const spare = this.spare;
    const first = Math.floor(host / this.settings.hostsPerRack) * this.settings.hostsPerRack;
    const last = Math.min(spare.length, first + this.settings.hostsPerRack);
    let taken = 0;
    for (let h = first; h < last && taken < wanted; h++) {
      if (h === host) continue;
      const take = Math.min(spare[h]!, wanted - taken);
      spare[h] = spare[h]! - take;
      taken += take;
    }
    return taken;
  }

  /** The figures up to the last step observed (the run's end, once it has finished). */
  estimate(): SpanningEstimate {
    const e = this.settings.efficiency;
    return {
      efficiency: e,
      hostsPerRack: this.settings.hostsPerRack,
      instanceHours: this.instanceMs / MS_PER_HOUR,
      spanningInstanceHours: this.spanningMs / MS_PER_HOUR,
      remoteMHzHours: this.remoteInt / MS_PER_HOUR,
      recoveredMHzHours: (this.remoteInt * e) / MS_PER_HOUR,
      contentionMHzHours: this.shortInt / MS_PER_HOUR,
      peakRemoteShare: this.peakShare,
    };
  }
}

/** A simulate() probe that builds the meter on the run's state, and its estimate once the run has finished. */
export function spanningProbe(settings: SpanningSettings): { observe: (state: SimState) => SettledObserver; estimate: () => SpanningEstimate } {
  let meter: SpanningMeter | null = null;
  return {
    observe: (state) => (meter = new SpanningMeter(state, settings)).observer,
    estimate: () => {
      if (!meter) throw new Error('the spanning probe was not attached to a run');
      return meter.estimate();
    },
  };
}
