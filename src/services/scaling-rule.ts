/**
 * How a service runs (docs/compare.md, "Services and scaling rules"):
 * - `fixed`: the trace's own VMs, unchanged;
 * - `horizontal`: instances of one size, added and removed on utilization thresholds;
 * - `vertical`: a few elastic instances that grow and shrink between a min and a max.
 */
export const SCALING_RULES = ['fixed', 'horizontal', 'vertical'] as const;
export type ScalingRule = (typeof SCALING_RULES)[number];

/** One instance of a service: started (placed) at arriveMs, serving from serveMs, retired at leaveMs. */
export interface InstanceSpan {
  arriveMs: number;
  serveMs: number;
  leaveMs: number;
}

/** Scale-out settings, in the units in their names. */
export interface HorizontalSettings {
  /** Size of one instance: CPU (all cores together), cores and memory. */
  instanceMhz: number;
  instanceCores: number;
  instanceMemoryMiB: number;
  /** Add instances when utilization (demand / serving instances' size) stays above this... */
  scaleOutAbove: number;
  /** ...and retire one when it stays below this... */
  scaleInBelow: number;
  /** ...for this long, seen at every evaluation. */
  windowMs: number;
  /** No action within this long of the previous one. */
  cooldownMs: number;
  /** The controller looks at the demand this often. */
  evaluationMs: number;
  minInstances: number;
  maxInstances: number;
  /** A new instance serves this long after it is started (the guest's boot time). */
  bootMs: number;
}

/** Scale-up settings: a fixed number of elastic instances per service. */
export interface VerticalSettings {
  instances: number;
  /** CPU each instance is guaranteed (reserved at placement) and may grow to. */
  minMhz: number;
  maxMhz: number;
  minMemoryMiB: number;
  maxMemoryMiB: number;
  /** Cores of one instance at its largest. */
  maxCores: number;
  /** Spare capacity is shared among growing VMs by size or equally. */
  burstWeight: 'size' | 'equal';
}

/**
 * An instance that outgrows its host may use spare CPU of other hosts of its rack; each remote
 * MHz serves `efficiency` MHz of demand.
 */
export interface SpanningSettings {
  efficiency: number;
  /** Hosts per rack of the pool (a comparison's pool is numbered into racks of this many). */
  hostsPerRack: number;
}

/** A 4-vCPU instance of the 2600 MHz cores of the Bitbrains traces, 8 GiB; common cloud autoscaler thresholds and timings. */
export const DEFAULT_HORIZONTAL: Omit<HorizontalSettings, 'bootMs'> = {
  instanceMhz: 10_400,
  instanceCores: 4,
  instanceMemoryMiB: 8192,
  scaleOutAbove: 0.8,
  scaleInBelow: 0.3,
  windowMs: 300_000,
  cooldownMs: 600_000,
  evaluationMs: 60_000,
  minInstances: 1,
  maxInstances: 64,
};

/** The example: two instances, each from 500 MHz to 32 GHz and from 6 GB to 512 GB. */
export const DEFAULT_VERTICAL: VerticalSettings = {
  instances: 2,
  minMhz: 500,
  maxMhz: 32_000,
  minMemoryMiB: 6144,
  maxMemoryMiB: 524_288,
  maxCores: 16,
  burstWeight: 'equal',
};

/**
 * Assumption, not a measurement: a remote share over a rack backplane serves 70% of what a
 * local one does (coherence and memory-access latency across hosts). Set your own.
 */
export const DEFAULT_SPANNING: SpanningSettings = { efficiency: 0.7, hostsPerRack: 20 };
