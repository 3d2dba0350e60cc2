/**
 * Integrals the simulation feeds as it runs, in the units of the hot path (MHz x ms, W x ms,
 * MiB x ms). Cluster-level integrals are kept apart from the per-host and per-VM ones, so that
 * their agreement is a real conservation check. Report-interval snapshots are taken at ticks.
 */
export class RunMeter {
  readonly intervalMs: number;
  readonly hostCount: number;
  readonly tickCount: number;
  // Cluster integrals from t = 0.
  demandInt = 0;
  servedInt = 0;
  capacityInt = 0;
  powerInt = 0;
  activeHostsInt = 0;
  runningVmsInt = 0;
  footprintInt = 0;
  overcommittedMemoryInt = 0;
  migrations = 0;
  hostShutdowns = 0;
  /** Compatibility mode: CloudSim's SLA metrics, which replace rackplan's in the summary. */
  cloudsimSla: { slatah: number; pdm: number } | null = null;
  hostFailures = 0;
  vmRestarts = 0;
  activeHostsPeak = 0;
  powerPeakW = 0;
  // Per-interval cluster series (interval means) and per-host utilization of each interval.
  readonly demandMhz: Float64Array;
  readonly servedMhz: Float64Array;
  readonly capacityMhz: Float64Array;
  readonly activeHosts: Float64Array;
  readonly powerW: Float64Array;
  readonly energyJCumulative: Float64Array;
  readonly migrationsPerInterval: Float64Array;
  readonly hostsDown: Float64Array;
  readonly vmsWaiting: Float64Array;
  hostsDownInt = 0;
  vmsWaitingInt = 0;
  /** Row-major tickCount x hostCount: host utilization while on, NaN when off all interval. */
  readonly hostUtilization: Float32Array;
  private readonly previous = new Float64Array(8);
  private previousMigrations = 0;
  recordedTicks = 0;

  constructor(hostCount: number, durationMs: number, intervalMs: number) {
    this.intervalMs = intervalMs;
    this.hostCount = hostCount;
    this.tickCount = Math.max(1, Math.ceil(durationMs / intervalMs));
    const t = this.tickCount;
    this.demandMhz = new Float64Array(t);
    this.servedMhz = new Float64Array(t);
    this.capacityMhz = new Float64Array(t);
    this.activeHosts = new Float64Array(t);
    this.powerW = new Float64Array(t);
    this.energyJCumulative = new Float64Array(t);
    this.migrationsPerInterval = new Float64Array(t);
    this.hostsDown = new Float64Array(t);
    this.vmsWaiting = new Float64Array(t);
    this.hostUtilization = new Float32Array(t * hostCount);
  }

  /** Closes report interval `tick` whose length is `lengthMs` (shorter for a final partial one). */
  closeInterval(tick: number, lengthMs: number): void {
    const p = this.previous;
    this.demandMhz[tick] = (this.demandInt - p[0]!) / lengthMs;
    this.servedMhz[tick] = (this.servedInt - p[1]!) / lengthMs;
    this.capacityMhz[tick] = (this.capacityInt - p[2]!) / lengthMs;
    this.powerW[tick] = (this.powerInt - p[3]!) / lengthMs;
    this.activeHosts[tick] = (this.activeHostsInt - p[4]!) / lengthMs;
    this.energyJCumulative[tick] = this.powerInt / 1000;
    this.migrationsPerInterval[tick] = this.migrations - this.previousMigrations;
    this.hostsDown[tick] = (this.hostsDownInt - p[5]!) / lengthMs;
    this.vmsWaiting[tick] = (this.vmsWaitingInt - p[6]!) / lengthMs;
    p[5] = this.hostsDownInt;
    p[6] = this.vmsWaitingInt;
    p[0] = this.demandInt;
    p[1] = this.servedInt;
    p[2] = this.capacityInt;
    p[3] = this.powerInt;
    p[4] = this.activeHostsInt;
    this.previousMigrations = this.migrations;
    this.recordedTicks = tick + 1;
  }

  setHostUtilization(tick: number, host: number, utilization: number): void {
    this.hostUtilization[tick * this.hostCount + host] = utilization;
  }
}
