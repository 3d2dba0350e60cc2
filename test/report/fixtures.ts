import type { CompareResult, CompareScenario } from '../../src/compare/compare-result.js';
import {
  MAX_HEATMAP_BUCKETS,
  type HostRow,
  type OutageRow,
  type RunResult,
  type RunSummary,
  type VmRow,
} from '../../src/metrics/run-result.js';

/** A VM id that must only ever appear escaped in a report. */
export const SCRIPT_VM_ID = '<script>alert(1)</script>';
/** A host name with markup characters and a quote. */
export const TRICKY_HOST_ID = 'rack"1"<b>&h0';

export interface RunFixtureOptions {
  hosts: number;
  intervals: number;
  vms: number;
  intervalSeconds?: number;
  seed?: number;
  migrations?: boolean;
  /** Names the first VM SCRIPT_VM_ID and the first host TRICKY_HOST_ID. */
  hostileNames?: boolean;
  costUsd?: number | null;
  /** Adds host failures, a rack outage and maintenance (see fixtureOutages), VM restarts and downtime. */
  failures?: boolean;
}

/** mulberry32: a tiny seeded generator, so fixtures are the same on every run. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const HOST_MHZ = 48_000;

/**
 * A deterministic RunResult with a diurnal load: host h runs at a base level plus a daily wave,
 * capped at 100 %; demand above capacity is unmet. Figures are consistent (demand = served +
 * unmet, VMs placed + unplaced = total) but not a simulation.
 */
export function buildRunResult(options: RunFixtureOptions): RunResult {
  const { hosts: hostCount, intervals, vms: vmCount } = options;
  const intervalSeconds = options.intervalSeconds ?? 300;
  const rand = seededRandom(options.seed ?? 7);
  const hostIds = Array.from({ length: hostCount }, (_, i) =>
    i === 0 && options.hostileNames ? TRICKY_HOST_ID : `host-${String(i).padStart(4, '0')}`,
  );
  const base = hostIds.map(() => 0.15 + 0.7 * rand());
  const hostUtil = new Float64Array(hostCount * intervals);
  const hostDemand = new Float64Array(hostCount * intervals);
  const ts = emptySeries(intervals, intervalSeconds);
  for (let t = 0; t < intervals; t++) {
    const wave = Math.sin((2 * Math.PI * t * intervalSeconds) / 86_400);
    for (let h = 0; h < hostCount; h++) {
      const demand = Math.max(0, base[h]! + 0.25 * wave + 0.1 * (rand() - 0.5)) * HOST_MHZ;
      const served = Math.min(demand, HOST_MHZ);
      hostDemand[h * intervals + t] = demand;
      hostUtil[h * intervals + t] = served / HOST_MHZ;
      ts.demandMhz[t]! += demand;
      ts.servedMhz[t]! += served;
      ts.unmetMhz[t]! += demand - served;
    }
    ts.capacityMhz[t] = hostCount * HOST_MHZ;
    ts.activeHosts[t] = hostCount;
    ts.powerW[t] = hostCount * 150 + (ts.servedMhz[t]! / HOST_MHZ) * 150;
    ts.energyKWhCumulative[t] = (t > 0 ? ts.energyKWhCumulative[t - 1]! : 0) + (ts.powerW[t]! * intervalSeconds) / 3.6e6;
    ts.migrations[t] = options.migrations && t % 7 === 3 ? 1 + (t % 3) : 0;
  }
  const heatmap = bucketize(hostIds, hostUtil, intervals, intervalSeconds);
  const hosts = hostRows(hostIds, hostUtil, hostDemand, intervals, intervalSeconds);
  const vms = vmRows(vmCount, hostIds, rand, options.hostileNames ?? false, options.failures ?? false);
  const outages = options.failures ? fixtureOutages(hostIds, intervals, intervalSeconds) : [];
  addOutageSeries(ts, outages);
  const summary = summarize(ts, hosts, vms, outages, intervals, intervalSeconds, options.costUsd ?? null);
  return { summary, inputs: inputs(options), hosts, vms, timeseries: ts, heatmap, outages };
}

/**
 * Outages of a fixture with failures, in start order, every one inside the run and no two of
 * one cause on one host (so none merge in a timeline of one row per host):
 * - maintenance of hosts 0..3, one after another, 3 intervals each from interval 10;
 * - a host failure of every host h with h % 13 = 2, 6 intervals from interval (37 h) mod (n - 8);
 * - a rack outage of hosts 20..39, 4 intervals from interval n / 2 (floored).
 * 300 hosts: 4 + 23 + 20 = 47 outages on 45 hosts (2 and 28 are down twice). Needs n >= 16.
 */
export function fixtureOutages(hostIds: string[], intervals: number, intervalSeconds: number): OutageRow[] {
  if (intervals < 16) return [];
  const out: OutageRow[] = [];
  const add = (h: number, cause: string, start: number, length: number) =>
    out.push({ hostId: hostIds[h]!, cause, startSeconds: start * intervalSeconds, endSeconds: (start + length) * intervalSeconds });
  for (let h = 0; h < Math.min(4, hostIds.length); h++) add(h, 'maintenance', 10 + 3 * h, 3);
  for (let h = 2; h < hostIds.length; h += 13) add(h, 'host', (37 * h) % (intervals - 8), 6);
  for (let h = 20; h < Math.min(40, hostIds.length); h++) add(h, 'rack', Math.floor(intervals / 2), 4);
  return out.sort((a, b) => a.startSeconds - b.startSeconds || (a.hostId < b.hostId ? -1 : a.hostId > b.hostId ? 1 : 0));
}

/** hostsDown: outages covering each interval (they start and end on interval bounds); vmsWaiting: 0.5 during the rack outage. */
function addOutageSeries(ts: RunResult['timeseries'], outages: OutageRow[]): void {
  for (const o of outages) {
    for (let t = o.startSeconds / ts.intervalSeconds; t < o.endSeconds / ts.intervalSeconds; t++) {
      ts.hostsDown[t]! += 1;
      if (o.cause === 'rack') ts.vmsWaiting[t] = 0.5;
    }
  }
}

function emptySeries(n: number, intervalSeconds: number): RunResult['timeseries'] {
  const z = (): Float64Array => new Float64Array(n);
  const startSeconds = Float64Array.from({ length: n }, (_, i) => i * intervalSeconds);
  return {
    intervalSeconds,
    startSeconds,
    demandMhz: z(),
    servedMhz: z(),
    unmetMhz: z(),
    capacityMhz: z(),
    activeHosts: z(),
    powerW: z(),
    energyKWhCumulative: z(),
    migrations: z(),
    hostsDown: z(),
    vmsWaiting: z(),
  };
}

/** Merges intervals into at most MAX_HEATMAP_BUCKETS buckets, as the metrics layer does. */
function bucketize(hostIds: string[], util: Float64Array, intervals: number, intervalSeconds: number): RunResult['heatmap'] {
  const merge = Math.ceil(intervals / MAX_HEATMAP_BUCKETS);
  const buckets = Math.ceil(intervals / merge);
  const out = new Float64Array(hostIds.length * buckets);
  for (let h = 0; h < hostIds.length; h++) {
    for (let b = 0; b < buckets; b++) {
      let sum = 0;
      let n = 0;
      for (let t = b * merge; t < Math.min(intervals, (b + 1) * merge); t++, n++) sum += util[h * intervals + t]!;
      out[h * buckets + b] = sum / n;
    }
  }
  return { bucketSeconds: merge * intervalSeconds, hostIds, utilization: out, buckets };
}

function hostRows(ids: string[], util: Float64Array, demand: Float64Array, intervals: number, intervalSeconds: number): HostRow[] {
  const hours = intervalSeconds / 3600;
  return ids.map((hostId, h) => {
    let d = 0;
    let s = 0;
    let peak = 0;
    let over = 0;
    for (let t = 0; t < intervals; t++) {
      const dm = demand[h * intervals + t]!;
      d += dm * hours;
      s += Math.min(dm, HOST_MHZ) * hours;
      peak = Math.max(peak, util[h * intervals + t]!);
      if (dm > HOST_MHZ) over += hours;
    }
    return {
      hostId,
      model: h % 2 === 0 ? 'dell-r740' : 'hpe-dl380-gen10',
      cluster: `c${h % 3}`,
      rack: `r${Math.floor(h / 20)}`,
      cpuCapacityMhz: HOST_MHZ,
      memoryMiB: 393_216,
      vmsPlaced: 4 + (h % 5),
      demandMHzHours: d,
      servedMHzHours: s,
      unmetMHzHours: d - s,
      utilizationMean: s / (HOST_MHZ * intervals * hours),
      utilizationPeak: peak,
      overloadedHours: over,
      onHours: intervals * hours,
      energyKWh: 0.2 * intervals * hours,
    };
  });
}

/** With failures, every 11th VM from the 4th (i % 11 = 3) restarted 1 + i % 3 times, down 0.05 h per restart. */
function vmRows(n: number, hostIds: string[], rand: () => number, hostile: boolean, failures: boolean): VmRow[] {
  return Array.from({ length: n }, (_, i) => {
    const unplaced = i % 50 === 49;
    const demand = 1000 + Math.floor(rand() * 50_000);
    const unmet = unplaced ? demand : rand() < 0.8 ? 0 : Math.floor(rand() * demand * 0.3);
    const restarts = failures && !unplaced && i % 11 === 3 ? 1 + (i % 3) : 0;
    return {
      vmId: i === 0 && hostile ? SCRIPT_VM_ID : `vm-${String(i).padStart(5, '0')}`,
      hostId: unplaced ? '' : hostIds[i % hostIds.length]!,
      status: unplaced ? 'unplaced' : 'placed',
      reason: unplaced ? 'no-host-fits' : '',
      cores: 2 + (i % 4) * 2,
      cpuCapacityMhz: 2400 * (2 + (i % 4) * 2),
      memoryMiB: 8192,
      demandMHzHours: demand,
      servedMHzHours: demand - unmet,
      unmetMHzHours: unmet,
      restarts,
      downtimeHours: 0.05 * restarts,
      lostMHzHours: Math.min(unmet, 0.001 * demand * restarts),
    };
  });
}

function summarize(
  ts: RunResult['timeseries'],
  hosts: HostRow[],
  vms: VmRow[],
  outages: OutageRow[],
  intervals: number,
  intervalSeconds: number,
  costUsd: number | null,
): RunSummary {
  const hours = intervalSeconds / 3600;
  const sum = (a: Float64Array): number => a.reduce((x, y) => x + y, 0);
  const demand = sum(ts.demandMhz) * hours;
  const served = sum(ts.servedMhz) * hours;
  const capacity = sum(ts.capacityMhz) * hours;
  let peak = 0;
  for (let t = 0; t < intervals; t++) peak = Math.max(peak, ts.servedMhz[t]! / ts.capacityMhz[t]!);
  const placed = vms.filter((v) => v.status === 'placed').length;
  const downtime = vms.reduce((a, v) => a + v.downtimeHours, 0);
  const maintained = outages.filter((o) => o.cause === 'maintenance');
  return {
    simulatedSeconds: intervals * intervalSeconds,
    hosts: { total: hosts.length, activeMean: sum(ts.activeHosts) / intervals, activePeak: hosts.length },
    vms: { total: vms.length, placed, unplaced: vms.length - placed },
    cpu: {
      capacityMHzHours: capacity,
      demandMHzHours: demand,
      servedMHzHours: served,
      unmetMHzHours: demand - served,
      unmetFraction: demand > 0 ? (demand - served) / demand : 0,
      // A made-up split that adds up: a third above size, the rest contention.
      unmetCauses: {
        unplacedMHzHours: 0,
        aboveSizeMHzHours: (demand - served) / 3,
        contentionMHzHours: ((demand - served) * 2) / 3,
        migrationMHzHours: 0,
        waitingMHzHours: 0,
        hostDownMHzHours: 0,
      },
      utilizationMean: served / capacity,
      utilizationPeak: peak,
      utilizationP95: 0.9312,
    },
    memory: { footprintMiBHours: 1e6, overcommittedMiBHours: 0 },
    energyKWh: ts.energyKWhCumulative[intervals - 1] ?? 0,
    powerMeanW: sum(ts.powerW) / intervals,
    powerPeakW: Math.max(...ts.powerW),
    consolidationRatio: placed / Math.max(1, hosts.length),
    costUsd,
    migrations: sum(ts.migrations),
    sla: { slatah: 0.0123, pdm: 0.00042, slav: 0.0123 * 0.00042 },
    esv: (ts.energyKWhCumulative[intervals - 1] ?? 0) * 0.0123 * 0.00042,
    hostShutdowns: 0,
    hostFailures: outages.filter((o) => o.cause !== 'maintenance').length,
    vmRestarts: vms.reduce((a, v) => a + v.restarts, 0),
    vmDowntimeHours: downtime,
    lostMHzHours: vms.reduce((a, v) => a + v.lostMHzHours, 0),
    availability: placed > 0 ? 1 - downtime / (placed * intervals * hours) : 1,
    vmsFailed: 0,
    maintenance: {
      hostsUpgraded: maintained.length,
      migrations: 2 * maintained.length,
      hostHoursDown: maintained.reduce((a, o) => a + (o.endSeconds - o.startSeconds) / 3600, 0),
    },
    warnings: { 'sample-gap-filled': 12, 'cpu-above-capacity-clamped': 3 },
    unplacedReasons: vms.length - placed > 0 ? { 'no-host-fits': vms.length - placed } : {},
  };
}

function inputs(options: RunFixtureOptions): RunResult['inputs'] {
  return {
    rackplanVersion: '0.1.0',
    seed: options.seed ?? 7,
    scenarioName: 'fixture-virtual',
    trace: { path: 'traces/fixture/vms.csv', format: 'bitbrains', vms: options.vms, samples: options.vms * options.intervals },
    topology: 'models/topologies/small.json',
    placement: 'first-fit',
    sharing: 'max-min',
    model: 'rackplan model',
    files: [
      { role: 'trace', path: 'traces/fixture/vms.csv', bytes: 123_456, sha256: 'a'.repeat(64) },
      { role: 'topology', path: 'models/topologies/small.json', bytes: 2_048, sha256: 'b'.repeat(64) },
    ],
    scenario: { name: 'fixture-virtual' },
  };
}

export interface CompareFixtureOptions {
  intervals: number;
  intervalSeconds?: number;
  /** Give every scenario a cost (true) or none (false). */
  costs?: boolean;
  /** Label one scenario with markup, to test escaping. */
  hostileLabel?: boolean;
  /** Adds policy variants (a consolidation-policy axis): see POLICY_SHAPES. */
  policies?: boolean;
}

type ScenarioShape = [string, CompareScenario['family'], string, number, number, number, string, number, number];

const SCENARIO_SHAPES: ScenarioShape[] = [
  // id, family, label, servers, energy factor, unmet fraction, policy, migrations, slav
  ['physical', 'physical', 'physical', 250, 1, 0, 'none', 0, 0],
  ['virtual', 'virtual', 'virtual', 38, 0.39, 0.0002, 'none', 0, 0],
  ['virtual-minimal', 'virtual', 'virtual, minimal hosts', 30, 0.33, 0.0041, 'none', 0, 0],
  ['elastic', 'elastic', 'elastic', 34, 0.35, 0.0011, 'none', 0, 0],
  ['containers', 'containers', 'containers', 26, 0.3, 0.0007, 'none', 0, 0],
];

/** With `policies`, inserted after their base scenario. */
const POLICY_SHAPES: ScenarioShape[] = [
  ['virtual-thr-mmt-0.8', 'virtual', 'Virtual (minimal guests), thr-mmt-0.8', 31, 0.31, 0.0009, 'thr-mmt-0.8', 1_234, 3.66e-8],
  ['virtual-lr-mmt-1.2', 'virtual', 'Virtual (minimal guests), lr-mmt-1.2', 29, 0.3, 0.0012, 'lr-mmt-1.2', 2_345, 1.25e-7],
  ['elastic-lr-mmt-1.2', 'elastic', 'Elastic, lr-mmt-1.2', 27, 0.28, 0.0031, 'lr-mmt-1.2', 4_567, 4.2e-6],
];

function compareShapes(policies: boolean): ScenarioShape[] {
  if (!policies) return SCENARIO_SHAPES;
  const [physical, virtual, minimal, elastic, containers] = SCENARIO_SHAPES as [ScenarioShape, ScenarioShape, ScenarioShape, ScenarioShape, ScenarioShape];
  const [thr, lr, elasticLr] = POLICY_SHAPES as [ScenarioShape, ScenarioShape, ScenarioShape];
  return [physical, virtual, thr, lr, minimal, elastic, elasticLr, containers];
}

/** A deterministic comparison of five scenarios on one trace (eight with policies). */
export function buildCompareResult(options: CompareFixtureOptions): CompareResult {
  const intervalSeconds = options.intervalSeconds ?? 300;
  const n = options.intervals;
  const startSeconds = Array.from({ length: n }, (_, i) => i * intervalSeconds);
  const scenarios = compareShapes(options.policies ?? false).map(([id, family, label, servers, energyFactor, unmet, policy, migrations, slav], k): CompareScenario => {
    const rand = seededRandom(100 + k);
    const utilization = startSeconds.map((t) =>
      Math.min(1, Math.max(0, (k === 0 ? 0.08 : 0.45 + 0.1 * k) + 0.15 * Math.sin((2 * Math.PI * t) / 86_400) + 0.04 * (rand() - 0.5))),
    );
    const activeHosts = startSeconds.map((t) =>
      k === 0 ? servers : Math.round(servers * (0.75 + 0.2 * Math.sin((2 * Math.PI * t) / 86_400))),
    );
    const mean = utilization.reduce((a, b) => a + b, 0) / n;
    const demand = 3_500_000;
    return {
      id,
      family,
      label: options.hostileLabel && k === 1 ? '<img src=x onerror=alert(1)>' : label,
      description: `${label}: fixture scenario ${k}.`,
      serversNeeded: servers,
      serversPeak: Math.max(...activeHosts),
      activeHostsMean: activeHosts.reduce((a, b) => a + b, 0) / n,
      utilizationMean: mean,
      utilizationP95: Math.min(1, mean + 0.12),
      energyKWh: 12_000 * energyFactor,
      energyCostUsd: 12_000 * energyFactor * 1.58 * 0.12,
      demandMHzHours: demand,
      unmetMHzHours: demand * unmet,
      unmetFraction: unmet,
      // Made up, adding up: a quarter above size, the rest contention.
      unmetCauses: {
        unplacedMHzHours: 0,
        aboveSizeMHzHours: (demand * unmet) / 4,
        contentionMHzHours: (demand * unmet * 3) / 4,
        migrationMHzHours: 0,
        waitingMHzHours: 0,
        hostDownMHzHours: 0,
      },
      vmsTotal: 400,
      vmsUnplaced: 0,
      traceQuirks: {},
      consolidationRatio: k === 0 ? 1 : 400 / servers,
      costUsd: options.costs ? servers * 9_000 : null,
      policy,
      migrations,
      slav,
      series: { intervalSeconds, startSeconds, activeHosts, utilization },
    };
  });
  return {
    inputs: {
      rackplanVersion: '0.1.0',
      seed: 7,
      trace: { path: 'traces/fixture/vms.csv', format: 'bitbrains', vms: 400, samples: 400 * n },
      simulatedSeconds: n * intervalSeconds,
      serversShare: 0.99,
      energyPriceUsdPerKWh: 0.12,
      pue: 1.58,
      files: [{ role: 'trace', path: 'traces/fixture/vms.csv', bytes: 123_456, sha256: 'c'.repeat(64) }],
    },
    scenarios,
  };
}
