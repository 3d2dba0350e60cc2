import { hostPeakPowerW, type RackLimits } from '../model/datacenter.js';
import type { PlacementRacks } from '../placement/placement-view.js';
import type { RackRecord } from './rack-record.js';
import type { SimState } from './sim-state.js';

/**
 * Rack power budgets during a run, built only when the topology gives a rack a budget or slot
 * count. Before every placement request it sums the peak power of each rack's powered-on
 * hosts for the rack-power filter (O(hosts), like the request's own refresh of CPU use); at
 * every report tick it measures each rack's power. Neither touches the per-sample path.
 */
export class RackBudgets {
  readonly view: PlacementRacks;
  private readonly record: RackRecord;
  private readonly lastEnergy: Float64Array;
  private readonly intervalW: Float64Array;

  constructor(
    private readonly s: SimState,
    limits: RackLimits,
  ) {
    const dc = s.dc;
    const racks = dc.rackIds.length;
    const hostPeakW = Float64Array.from(dc.modelOf, (m) => hostPeakPowerW(dc.models[m]!, dc.powerCurves[m]!));
    this.view = { rackOf: dc.rackOf, budgetW: limits.powerBudgetW, hostPeakW, onPeakW: new Float64Array(racks) };
    const hosts = new Int32Array(racks);
    for (let host = 0; host < dc.hostCount; host++) hosts[dc.rackOf[host]!]!++;
    this.record = {
      ids: dc.rackIds,
      powerBudgetW: limits.powerBudgetW,
      slots: limits.slots,
      hosts,
      peakPowerW: new Float64Array(racks),
      peakRatedOnW: new Float64Array(racks),
      hostsHeldOff: 0,
    };
    this.lastEnergy = new Float64Array(dc.hostCount);
    this.intervalW = new Float64Array(racks);
  }

  /** Sums the peak power of each rack's powered-on hosts (before a placement request). */
  refresh(): void {
    const on = this.s.host.hostOn;
    const { rackOf, hostPeakW, onPeakW } = this.view;
    onPeakW.fill(0);
    for (let host = 0; host < on.length; host++) if (on[host]) onPeakW[rackOf[host]!]! += hostPeakW[host]!;
  }

  /** Whether switching `host` on keeps its rack within budget (hosts kept on without VMs). */
  allowsPowerOn(host: number): boolean {
    this.refresh();
    const rack = this.view.rackOf[host]!;
    const fits = this.view.onPeakW[rack]! + this.view.hostPeakW[host]! <= this.view.budgetW[rack]! + 1e-6;
    return fits;
  }

  /** A host kept off at the start for its rack's budget. */
  heldOff(): void {
    this.record.hostsHeldOff++;
  }

  /** At a report tick, every host touched to now: each rack's mean power over the interval. */
  recordInterval(lengthMs: number): void {
    const energy = this.s.host.hostEnergyInt;
    const { rackOf } = this.view;
    const r = this.record;
    this.intervalW.fill(0);
    for (let host = 0; host < energy.length; host++) {
      this.intervalW[rackOf[host]!]! += (energy[host]! - this.lastEnergy[host]!) / lengthMs;
      this.lastEnergy[host] = energy[host]!;
    }
    this.refresh();
    for (let rack = 0; rack < r.ids.length; rack++) {
      r.peakPowerW[rack] = Math.max(r.peakPowerW[rack]!, this.intervalW[rack]!);
      r.peakRatedOnW[rack] = Math.max(r.peakRatedOnW[rack]!, this.view.onPeakW[rack]!);
    }
  }

  result(): RackRecord {
    return this.record;
  }
}
