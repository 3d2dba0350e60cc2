import type { Simulator } from '../engine/simulator.js';
import { HOST_BOOTING, HOST_OFF, HOST_ON, HOST_UNAVAILABLE } from '../migration/consolidation-view.js';
import { powerAt } from '../model/power-curve.js';
import type { EventLog } from './event-log.js';
import type { Integrals } from './integrals.js';
import type { SimState } from './sim-state.js';
import { HOST_BOOTED } from './simulation-options.js';

/**
 * Utilization at or below this counts as zero for the "0% is off" convention: a host's served
 * total is a running sum, so a host whose VMs all went to 0 may hold a few ulps instead of 0.
 */
export const ZERO_UTILIZATION = 1e-12;

/**
 * Host power states (off, booting, on) and the rates that follow from them: power draw, whether
 * the host counts as active, and the capacity it offers. A host switched on after t = 0 boots
 * for its model's boot time, drawing its boot power and serving nothing.
 */
export class HostPower {
  private readonly followsLoad: boolean;
  private readonly zeroIsOff: boolean;

  constructor(
    private readonly s: SimState,
    private readonly integrals: Integrals,
    private readonly sim: Simulator,
    private readonly log: EventLog | null,
  ) {
    this.followsLoad = s.options.power.followsLoad;
    this.zeroIsOff = s.options.power.zeroUtilizationIsOff;
  }

  /** Power draw, whether the host counts as active, and the capacity it offers, from its state. */
  refresh(host: number): void {
    const s = this.s;
    const h = s.host;
    const booting = h.hostBooting[host] === 1;
    const capacity = s.hostGuestCapacity[host]!;
    const utilization = booting ? 0 : h.hostServed[host]! / capacity;
    if (utilization > h.hostPeakUtilization[host]!) h.hostPeakUtilization[host] = utilization;
    const curve = s.hostCurve[host]!;
    if (!booting && !this.zeroIsOff && h.hostOn[host] === 1 && h.hostActive[host] === 1 && h.hostOffered[host] === capacity) {
      // The per-sample case: a running host stays running; only its power moves.
      const watts = this.followsLoad ? powerAt(curve, utilization) : curve[10]!;
      s.clusterPower += watts - h.hostPower[host]!;
      h.hostPower[host] = watts;
      return;
    }
    let watts = 0;
    let active = h.hostOn[host] === 1;
    if (active) {
      if (booting) watts = s.hostBootPowerW[host]!;
      else if (this.zeroIsOff && utilization <= ZERO_UTILIZATION) active = false;
      else watts = this.followsLoad ? powerAt(curve, utilization) : curve[10]!;
    }
    s.clusterPower += watts - h.hostPower[host]!;
    h.hostPower[host] = watts;
    if (active !== (h.hostActive[host] === 1)) {
      h.hostActive[host] = active ? 1 : 0;
      s.clusterActive += active ? 1 : -1;
    }
    const offered = active && !booting ? capacity : 0;
    s.clusterCapacity += offered - h.hostOffered[host]!;
    h.hostOffered[host] = offered;
  }

  /** Switches a host on; it is ready at once at t = 0 or without a boot delay, else it boots. */
  powerOn(host: number, atMs: number): void {
    const h = this.s.host;
    if (h.hostOn[host]) return;
    this.integrals.touchHost(host, atMs);
    h.hostOn[host] = 1;
    const bootMs = this.s.hostBootMs[host]!;
    if (atMs > 0 && bootMs > 0) {
      h.hostBooting[host] = 1;
      h.hostReadyAtMs[host] = atMs + bootMs;
      this.sim.schedule(atMs + bootMs, HOST_BOOTED, host);
      this.log?.hostEvent(atMs, 'host-on', host, ` ready=${((atMs + bootMs) / 1000).toFixed(3)}`);
    } else {
      this.log?.hostEvent(atMs, 'host-on', host);
    }
    this.s.markDirty(host);
    this.refresh(host);
  }

  /** When a host is ready after booting, from the moment a migration to it may start. */
  readyAtMs(host: number, atMs: number): number {
    return this.s.host.hostOn[host] ? atMs : atMs + (atMs > 0 ? this.s.hostBootMs[host]! : 0);
  }

  /** Switches an idle host off (power management); counted as a shutdown. */
  powerOff(host: number, atMs: number): void {
    const h = this.s.host;
    h.hostOn[host] = 0;
    h.hostBooting[host] = 0;
    this.s.meter.hostShutdowns++;
    this.log?.hostEvent(atMs, 'host-off', host);
    this.refresh(host);
  }

  /** Cuts a host's power without counting a shutdown (it failed or went down for an upgrade). */
  cut(host: number, atMs: number): void {
    const h = this.s.host;
    this.integrals.touchHost(host, atMs);
    h.hostOn[host] = 0;
    h.hostBooting[host] = 0;
    this.s.markDirty(host);
    this.refresh(host);
  }

  /** HOST_BOOTED: the host serves from now on. */
  handle(_kind: number, host: number, atMs: number): void {
    const h = this.s.host;
    // It failed or was switched off while booting (and may be booting again since).
    if (!h.hostBooting[host] || h.hostReadyAtMs[host] !== atMs) return;
    this.integrals.touchHost(host, atMs);
    h.hostBooting[host] = 0;
    this.log?.hostEvent(atMs, 'host-ready', host);
    this.s.markDirty(host);
  }

  /** The host's power state as a consolidation round sees it. */
  state(host: number): number {
    const h = this.s.host;
    if (!this.s.view.available[host]) return HOST_UNAVAILABLE;
    return !h.hostOn[host] ? HOST_OFF : h.hostBooting[host] ? HOST_BOOTING : HOST_ON;
  }
}
