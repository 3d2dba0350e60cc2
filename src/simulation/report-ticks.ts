import type { Simulator } from '../engine/simulator.js';
import type { Integrals } from './integrals.js';
import type { IntervalSeries } from './interval-series.js';
import type { RackBudgets } from './rack-budgets.js';
import type { SimState } from './sim-state.js';
import { TICK } from './simulation-options.js';

/**
 * Report intervals: at the end of each, the run meter closes the interval's cluster means and
 * each host's utilization while on (NaN when off all interval) is recorded for the heatmap.
 */
export class ReportTicks {
  private nextTick = 0;

  constructor(
    private readonly s: SimState,
    private readonly integrals: Integrals,
    private readonly sim: Simulator,
    /** Per-host and per-VM series, when the run asked for them (null: no cost). */
    private readonly series: IntervalSeries | null = null,
    /** Rack power measured per interval, when racks have limits (null: no cost). */
    private readonly racks: RackBudgets | null = null,
  ) {}

  start(): void {
    const o = this.s.options;
    this.sim.schedule(Math.min(o.reportIntervalMs, o.durationMs), TICK, 0);
  }

  /** TICK: closes the interval ending now; repeats itself until the last one. */
  handle(_kind: number, _target: number, atMs: number): void {
    const s = this.s;
    const h = s.host;
    const meter = s.meter;
    const tick = this.nextTick++;
    const lengthMs = atMs - tick * meter.intervalMs;
    if (lengthMs <= 0 || tick >= meter.tickCount) return;
    meter.closeInterval(tick, lengthMs);
    for (let host = 0; host < s.hostCount; host++) {
      this.integrals.touchHost(host, atMs);
      const onMs = h.hostOnInt[host]! - h.hostTickOn[host]!;
      const servedInt = h.hostServedInt[host]! - h.hostTickServed[host]!;
      meter.setHostUtilization(tick, host, onMs > 0 ? servedInt / (s.hostGuestCapacity[host]! * onMs) : Number.NaN);
      h.hostTickOn[host] = h.hostOnInt[host]!;
      h.hostTickServed[host] = h.hostServedInt[host]!;
    }
    this.series?.record(s, tick, lengthMs, atMs);
    this.racks?.recordInterval(lengthMs);
    if (s.options.onProgress && tick % 64 === 0) s.options.onProgress(atMs / s.options.durationMs);
    if (tick + 1 < meter.tickCount) this.sim.repeatCurrentAt(Math.min(atMs + meter.intervalMs, s.options.durationMs));
  }

  /** Closes the last interval if the run ended inside it. */
  finish(endMs: number): void {
    if (this.s.meter.recordedTicks < this.s.meter.tickCount) this.handle(0, 0, endMs);
  }
}
