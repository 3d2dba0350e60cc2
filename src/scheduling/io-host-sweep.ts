import { KB_PER_MB } from './io-capacity.js';
import { sampleAtOrBefore, type IoChangeList, type IoSampleTimes } from './io-change-list.js';
import type { IoConsumers } from './io-consumers.js';
import type { IoRateColumns } from './io-rates.js';
import { integrateUncontended, maxTotalWantMBps } from './io-uncontended.js';
import { ShareBuffers } from './share-buffers.js';

/** Report intervals the host's demand and service are added into (MB/s x ms per interval). */
export interface IoTicks {
  intervalMs: number;
  demand: Float64Array;
  served: Float64Array;
}

/** Whole-host results of one sweep; integrals are MB/s x ms. */
export interface IoHostTotals {
  demandInt: number;
  servedInt: number;
  /** Time with at least one consumer present, ms. */
  busyMs: number;
}

const NO_RATES = new Float32Array(0);

/**
 * Shares one host's bandwidth of one resource over time. It walks the host's rate changes in
 * time order (IoChangeList); between two change times every rate is constant, so integrals are
 * exact sums of rate x length. While the host has room for every want each consumer is served
 * its want and a change costs O(1); otherwise the present consumers are re-shared with
 * shareCapacity. Integration is lazy per consumer, as the simulation does for CPU. Hosts that
 * can never be contended skip the walk (io-uncontended.ts). Allocates only to grow buffers.
 */
export class IoHostSweep {
  /** Per consumer row of the last run, MB/s x ms. */
  demandInt = new Float64Array(16);
  servedInt = new Float64Array(16);
  private cursor = new Int32Array(16);
  private rate = new Float64Array(16);
  private want = new Float64Array(16);
  private served = new Float64Array(16);
  private last = new Float64Array(16);
  private active = new Int32Array(16);
  private activeAt = new Int32Array(16);
  private readonly buffers = new ShareBuffers();
  private activeCount = 0;
  private totalDemand = 0;
  private totalWant = 0;
  private totalServed = 0;
  private contended = false;
  private needsShare = false;
  private readonly totals: IoHostTotals = { demandInt: 0, servedInt: 0, busyMs: 0 };
  // The report interval being filled and where it ends (time only moves forward).
  private tick = 0;
  private tickEndMs = 0;
  private rateA: Float32Array = NO_RATES;
  private rateB: Float32Array = NO_RATES;

  /**
   * Shares the host's bandwidth among `consumers` over the run. Stays take their rates from the
   * resource's `columns` (null: all 0); streams count only `withStreams`. A host that can never
   * be contended is integrated row by row; otherwise `changes` (invalidated by the caller when
   * the consumers change) is built once and walked. The totals returned are reused by the next
   * run.
   */
  run(
    capacityMBps: number,
    consumers: IoConsumers,
    changes: IoChangeList,
    samples: IoSampleTimes,
    columns: IoRateColumns | null,
    withStreams: boolean,
    ticks: IoTicks,
  ): IoHostTotals {
    this.start(consumers, columns);
    if (maxTotalWantMBps(consumers, samples, columns, withStreams) <= capacityMBps) {
      const out = { demandInt: this.demandInt, servedInt: this.servedInt, tickDemand: ticks.demand, tickServed: ticks.served, intervalMs: ticks.intervalMs };
      this.totals.busyMs = integrateUncontended(consumers, samples, columns, withStreams, out);
      for (let i = 0; i < consumers.count; i++) {
        this.totals.demandInt += this.demandInt[i]!;
        this.totals.servedInt += this.servedInt[i]!;
      }
      return this.totals;
    }
    changes.buildOnce(consumers, samples);
    const times = changes.timeMs;
    const rows = changes.row;
    const count = changes.count;
    let previous = count > 0 ? times[0]! : 0;
    for (let e = 0; e < count; ) {
      const t = times[e]!;
      this.integrateHost(previous, t, ticks);
      previous = t;
      for (; e < count && times[e] === t; e++) {
        const i = rows[e]!;
        if (withStreams || Number.isNaN(consumers.streamMBps[i]!)) this.step(i, t, consumers, samples);
      }
      if (this.activeCount === 0) this.idle();
      else if (this.needsShare || this.totalWant > capacityMBps) this.share(t, capacityMBps, consumers);
    }
    return this.totals;
  }

  private start(consumers: IoConsumers, columns: IoRateColumns | null): void {
    const n = consumers.count;
    this.ensure(n);
    this.activeCount = 0;
    this.idle();
    this.totals.demandInt = this.totals.servedInt = this.totals.busyMs = 0;
    this.tick = -1;
    this.tickEndMs = -Infinity;
    this.rateA = columns ? columns.a : NO_RATES;
    this.rateB = columns ? columns.b : NO_RATES;
    for (let i = 0; i < n; i++) {
      this.demandInt[i] = this.servedInt[i] = 0;
      this.rate[i] = this.want[i] = this.served[i] = 0;
      this.last[i] = consumers.fromMs[i]!;
      this.activeAt[i] = -1;
    }
  }

  /**
   * Consumer i's change at t: its start (a stay finds its sample in effect), its VM's next
   * sample, or its end.
   */
  private step(i: number, t: number, c: IoConsumers, samples: IoSampleTimes): void {
    this.touch(i, t);
    let rate = 0;
    const done = t >= c.toMs[i]!;
    if (!done) {
      const stream = c.streamMBps[i]!;
      const starting = this.activeAt[i]! < 0;
      if (stream === stream) rate = stream;
      else {
        const vm = c.vm[i]!;
        const k = starting ? sampleAtOrBefore(samples, vm, t) : this.cursor[i]! + 1;
        this.cursor[i] = k;
        if (k >= samples.sampleStart[vm]! && this.rateA.length > 0) rate = (this.rateA[k]! + this.rateB[k]!) / KB_PER_MB;
      }
      if (starting) this.addActive(i);
    }
    const cap = c.capMBps[i]!;
    const want = rate < cap ? (rate > 0 ? rate : 0) : cap;
    this.totalDemand += rate - this.rate[i]!;
    this.totalWant += want - this.want[i]!;
    this.rate[i] = rate;
    this.want[i] = want;
    if (done) {
      this.totalServed -= this.served[i]!;
      this.served[i] = 0;
      this.removeActive(i);
      if (this.contended) this.needsShare = true;
    } else if (this.contended) {
      this.needsShare = true;
    } else {
      this.totalServed += want - this.served[i]!;
      this.served[i] = want;
    }
  }

  /** Re-shares the present consumers at t (max-min fair by weight, with floors and caps). */
  private share(t: number, capacityMBps: number, c: IoConsumers): void {
    const m = this.activeCount;
    for (let j = 0; j < m; j++) {
      const i = this.active[j]!;
      this.touch(i, t);
      this.buffers.demand[j] = this.rate[i]!;
      this.buffers.floor[j] = c.floorMBps[i]!;
      this.buffers.cap[j] = c.capMBps[i]!;
      this.buffers.weight[j] = c.weight[i]!;
    }
    this.totalServed = this.buffers.share(capacityMBps, m);
    let wanted = 0;
    for (let j = 0; j < m; j++) {
      const i = this.active[j]!;
      this.served[i] = this.buffers.served[j]!;
      wanted += this.want[i]!;
    }
    this.totalWant = wanted;
    this.contended = wanted > capacityMBps;
    this.needsShare = false;
  }

  private touch(i: number, t: number): void {
    const dt = t - this.last[i]!;
    if (dt <= 0) return;
    this.demandInt[i] = this.demandInt[i]! + this.rate[i]! * dt;
    this.servedInt[i] = this.servedInt[i]! + this.served[i]! * dt;
    this.last[i] = t;
  }

  /** Adds the host's constant totals over [from, to) to its integrals and report intervals. */
  private integrateHost(from: number, to: number, ticks: IoTicks): void {
    const dt = to - from;
    if (dt <= 0) return;
    const demand = this.totalDemand;
    const served = this.totalServed;
    const totals = this.totals;
    totals.demandInt += demand * dt;
    totals.servedInt += served * dt;
    if (this.activeCount > 0) totals.busyMs += dt;
    if (demand === 0 && served === 0) return;
    for (let a = from; a < to; ) {
      if (a >= this.tickEndMs) {
        this.tick = Math.floor(a / ticks.intervalMs);
        this.tickEndMs = (this.tick + 1) * ticks.intervalMs;
      }
      if (this.tick >= ticks.demand.length) return;
      const b = to < this.tickEndMs ? to : this.tickEndMs;
      ticks.demand[this.tick] = ticks.demand[this.tick]! + demand * (b - a);
      ticks.served[this.tick] = ticks.served[this.tick]! + served * (b - a);
      a = b;
    }
  }

  private addActive(i: number): void {
    this.activeAt[i] = this.activeCount;
    this.active[this.activeCount++] = i;
  }

  private removeActive(i: number): void {
    const at = this.activeAt[i]!;
    if (at < 0) return;
    const moved = this.active[--this.activeCount]!;
    this.active[at] = moved;
    this.activeAt[moved] = at;
    this.activeAt[i] = -1;
  }

  /** No consumer present: exact zeros, so that rounding does not carry over. */
  private idle(): void {
    this.totalDemand = this.totalWant = this.totalServed = 0;
    this.contended = false;
    this.needsShare = false;
  }

  private ensure(n: number): void {
    if (n <= this.rate.length) return;
    const size = Math.max(n, this.rate.length * 2);
    this.demandInt = new Float64Array(size);
    this.servedInt = new Float64Array(size);
    this.cursor = new Int32Array(size);
    this.rate = new Float64Array(size);
    this.want = new Float64Array(size);
    this.served = new Float64Array(size);
    this.last = new Float64Array(size);
    this.active = new Int32Array(size);
    this.activeAt = new Int32Array(size);
    this.buffers.ensure(size);
  }
}
