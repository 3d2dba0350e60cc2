/**
 * A description for every field of every published JSON Schema (`rackplan schemas`, schemas/),
 * so an editor that follows `$schema` shows what a field means, its unit and its default on
 * hover. Keyed by schema kind, then by the field's dotted path (`[]` for an array's items, `*`
 * for a record's values); fields shared by several kinds are written once below. A field
 * without a description fails test/scenario/schema-descriptions.test.ts, so a new field cannot
 * be published undescribed.
 */

type Descriptions = Readonly<Record<string, string>>;

function under(prefix: string, table: Descriptions): Descriptions {
  return Object.fromEntries(Object.entries(table).map(([path, text]) => [`${prefix}.${path}`, text]));
}

const SCHEMA = { $schema: 'Path or URL of this JSON Schema, so editors validate the file and show these descriptions.' };
const SOURCE = 'Where the figures come from (a SPECpower result, a datasheet, a paper) or "illustrative"; assumptions marked as such.';

const TRACE: Descriptions = {
  trace: 'The workload trace to replay.',
  'trace.path': 'Trace file or folder, relative to this file.',
  'trace.format': 'Trace reader id (bitbrains, planetlab, csv, alibaba-2018, google-2011, ...); detected from the content when absent.',
  'trace.options': 'Reader options, by name (docs/trace-formats.md).',
};

const PLACEMENT: Descriptions = {
  placement: 'How VMs are placed on hosts when they start.',
  'placement.policy': 'Placement policy id (best-fit, first-fit, worst-fit, balanced, power-aware-best-fit-decreasing, ... or a plug-in\'s). Default best-fit.',
  'placement.initialBatchSeconds': 'VMs that start within this many seconds of the trace start are placed as one batch at t = 0, largest first. Default 300.',
};

const ELASTIC: Descriptions = {
  minFraction: 'Share of its provisioned CPU a VM is guaranteed under contention, 0..1.',
  maxFraction: 'Cap on a VM\'s CPU as a multiple of its provisioned CPU (above 1: it may burst into idle capacity).',
  burstWeight: 'How spare CPU is shared among VMs that want more: by provisioned size or equally.',
  memoryMinFraction: 'Share of its provisioned memory a VM reserves on its host, 0..1.',
  memoryMaxFraction: 'Cap on a VM\'s memory as a multiple of its provisioned memory.',
};

const CONSOLIDATION: Descriptions = {
  intervalSeconds: 'Seconds between consolidation rounds. Default 300.',
  overload: 'Overload detector: thr (static threshold), iqr, mad (robust spread), lr or lrr (local regression). Default thr.',
  safety: 'Detector parameter: thr, the utilization threshold (0.8); iqr/mad, s in 1 - s x spread; lr/lrr, s in s x predicted >= 1. Default 0.8.',
  fallbackThreshold: 'Static threshold used while a host\'s history is too short for the detector. Default 0.7.',
  selection: 'Which VM leaves an overloaded host: mmt (minimum migration time), mc (maximum correlation), mu (minimum utilization) or rs (random). Default mmt.',
  underload: 'Also empty the least-utilized hosts so they can be switched off. Default true.',
  historyLength: 'Utilization samples per host the detectors look back over, 2..64. Default 30.',
};

const DISTRIBUTION: Descriptions = {
  kind: 'Distribution: exponential (meanHours), weibull (shape, scaleHours) or lognormal (mu, sigma of ln hours).',
  meanHours: 'exponential: the mean, hours.',
  shape: 'weibull: the shape k (below 1: failures cluster early).',
  scaleHours: 'weibull: the scale, hours.',
  mu: 'lognormal: mean of ln(hours).',
  sigma: 'lognormal: standard deviation of ln(hours).',
};

const UP_DOWN: Descriptions = {
  timeToFailure: 'How long it stays up between failures, hours.',
  ...under('timeToFailure', DISTRIBUTION),
  timeToRepair: 'How long it stays down after a failure, hours.',
  ...under('timeToRepair', DISTRIBUTION),
};

const CLOUDSIM: Descriptions = {
  vanishingVms: '1. Demand read 0.1 s into each interval, interpolated; a VM requesting exactly 0 MIPS is destroyed. Default true.',
  overloadDestinations: '2. Switched-off hosts are overload-pass destinations ranked by P(after) - P(now); empty hosts skip the overload check. Default true.',
  underloadPass: '3. Underload pass: empty exclusion list, utilization from before the round\'s moves, VMs moved twice. Default true.',
  unweightedRegression: '4. lr/lrr: unweighted least squares over the last 10 points, one step ahead (lrr = lr). Default true.',
  migrationAccounting: '5. Migrations counted at start, RAM / (link / 2) long, source charged its full load and destination 10%. Default true.',
  initialPlacement: '6. Initial placement at full MIPS (power-aware spreading; first fit for dvfs and npa). Default true.',
  muByFraction: '7a. mu ranks VMs by utilization fraction. Default true.',
  nearestRankIqr: '7b. iqr: nearest-rank quartiles, destinations re-checked with the incoming VM\'s history. Default true.',
  coreCap: '7c. A VM gets at most one core\'s MIPS. Default true.',
  trapezoidEnergy: '7d. Energy as trapezoids between CloudSim\'s updates, 0 W after a step at 0 utilization. Default true.',
  destinationSlatah: '7e. SLATAH counts a migration\'s destination as violating for the whole copy. Default true.',
  pooledPdm: '7f. PDM pooled over all VMs. Default true.',
};

const IO_SHARE = (unit: string, what: string): Descriptions => ({
  mode: 'fair: weighted max-min fairness; elastic: also a guarantee (min) and a cap (max) per VM. Default fair.',
  weight: 'Spare bandwidth shared equally or by the VMs\' provisioned CPU. Default equal.',
  [`min${unit}`]: `elastic only: ${what} guaranteed per VM, ${unit === 'MBps' ? 'MB/s' : 'Gbit/s'}.`,
  [`max${unit}`]: `elastic only: cap on ${what} per VM, ${unit === 'MBps' ? 'MB/s' : 'Gbit/s'}.`,
});

const HOST_MODEL: Descriptions = {
  ...SCHEMA,
  id: 'Host model id, kebab-case, as topologies and --host-model name it (the file is models/hosts/<id>.json).',
  name: 'Human name of the server model.',
  cores: 'Physical CPU cores per host.',
  mhzPerCore: 'Clock rate per core, MHz; a host\'s CPU capacity is cores x mhzPerCore.',
  memoryMiB: 'Memory per host, MiB.',
  gpus: 'GPUs per host. Default 0.',
  diskMBps: 'Disk bandwidth, MB/s (read and write combined); absent: disk is not a limit.',
  nicGbps: 'NIC bandwidth, Gbit/s; absent: network is not a limit.',
  power: 'Power drawn against CPU load: linear between idle and full load, or a SPECpower-style table.',
  'power.kind': 'linear (idleW, maxW) or table (wattsAtLoad).',
  'power.idleW': 'linear: power at 0% CPU load while on, W.',
  'power.maxW': 'linear: power at 100% CPU load, W.',
  'power.wattsAtLoad': 'table: power at 0, 10, ..., 100% load (11 values, SPECpower_ssj2008 style), W; interpolated linearly.',
  bootSeconds: 'Seconds from power-on to ready. Default 0.',
  bootPowerW: 'Power drawn while booting, W. Default: the power at 100% load.',
  costUsd: 'Purchase cost per host, USD; absent: costs are not reported.',
  source: SOURCE,
};

const HYPERVISOR: Descriptions = {
  ...SCHEMA,
  id: 'Hypervisor id, kebab-case, as topologies, scenarios and --hypervisor name it.',
  name: 'Human name of the hypervisor.',
  cpuOverheadFraction: 'CPU the hypervisor spends per unit of guest CPU work (0.05 = 5%), 0..1.',
  memoryOverheadMiB: 'Memory the hypervisor reserves per VM, MiB.',
  cpuOvercommit: 'Placement admits CPU reservations up to capacity x this ratio (1 = no overcommit).',
  memoryOvercommit: 'Placement admits memory reservations up to capacity x this ratio (1 = no overcommit).',
  diskOverheadFraction: 'Disk I/O the hypervisor adds per unit of guest disk I/O (0.05 = 5%); absent: none.',
  networkOverheadFraction: 'Network I/O the hypervisor adds per unit of guest network I/O; absent: none.',
  source: SOURCE,
};

const TOPOLOGY: Descriptions = {
  ...SCHEMA,
  id: 'Topology id, kebab-case.',
  name: 'Human name of the datacenter.',
  hypervisor: 'Hypervisor id of every cluster that names none (models/hypervisors/<id>.json).',
  clusters: 'Clusters of racks; host ids are derived from rack ids, so cluster and rack ids must be unique.',
  'clusters[].id': 'Cluster id, kebab-case, unique in the topology (a failure domain).',
  'clusters[].hypervisor': 'Hypervisor id for this cluster; default: the topology\'s.',
  'clusters[].racks': 'Racks of the cluster.',
  'clusters[].racks[].id': 'Rack id, kebab-case, unique in the topology; hosts are named <rack>-0001, <rack>-0002, ...',
  'clusters[].racks[].hosts': 'Groups of identical hosts, laid out in order.',
  'clusters[].racks[].hosts[].model': 'Host model id (models/hosts/<id>.json).',
  'clusters[].racks[].hosts[].count': 'How many hosts of this model.',
  'clusters[].racks[].repeat': 'Lay the host groups out this many times in order (e.g. alternating two models). Default 1.',
};

const GUEST: Descriptions = {
  ...SCHEMA,
  id: 'Guest footprint id, kebab-case (compare scenarios name it).',
  name: 'Human name of the guest OS or container runtime.',
  cpuOverheadFraction: 'CPU overhead per unit of workload CPU (0.03 = 3%), 0..1.',
  memoryOverheadMiB: 'Memory the guest OS or container runtime uses per workload, MiB.',
  bootSeconds: 'Seconds for a guest to boot (or a container to start).',
  source: SOURCE,
};

const SCENARIO: Descriptions = {
  ...SCHEMA,
  name: 'Scenario name, kebab-case; names the run in reports.',
  description: 'What the scenario is for, in words; shown in its report.',
  plugins: 'Plug-in modules (docs/extending.md), relative to this file; their names work like built-ins\'.',
  seed: 'Seed of every random stream of the run (failures, random selections). Default 1.',
  ...TRACE,
  topology: 'Topology file (models/topologies/*.json) or a built-in topology name, relative to this file.',
  hypervisor: 'Hypervisor id for every cluster, overriding the topology\'s.',
  ...PLACEMENT,
  sharing: 'How CPU is shared among the VMs of a host.',
  'sharing.mode': 'fixed: each VM gets at most its provisioned CPU; elastic: guarantees, caps and bursting (sharing.elastic). Default fixed.',
  'sharing.elastic': 'elastic mode only: guarantees, caps and burst weights over the defaults.',
  ...under('sharing.elastic', ELASTIC),
  power: 'Power management of the hosts.',
  'power.switchOffIdle': 'Hosts without VMs are switched off (draw 0 W, not counted as active). Default false.',
  'power.followsLoad': 'false: every powered host draws its full-load power (no power management, "npa"). Default true.',
  'power.zeroUtilizationIsOff': 'The classic CloudSim convention: a host at 0% CPU draws 0 W and counts as off. Default false.',
  'power.energyFromSeconds': 'Energy is counted from this time on, s (the classic PlanetLab setup: 300). Default 0.',
  migration: 'Live-migration cost model.',
  'migration.degradation': 'Fraction of a migrating VM\'s CPU lost while it migrates, 0..1. Default 0.1.',
  'migration.model': 'simple: memory / (bandwidth / 2); pre-copy: copy rounds against a dirty-page rate. Default simple.',
  'migration.dirtyMiBps': 'pre-copy: rate at which a VM dirties memory pages, MiB/s. Default 0.',
  'migration.maxDowntimeMs': 'pre-copy: stop-and-copy once the remaining pages fit in this downtime, ms. Default 300.',
  consolidation: 'Dynamic consolidation (overload detection, VM selection, underload); absent: VMs stay where placement put them.',
  ...under('consolidation', CONSOLIDATION),
  failures: 'Host failures: a failure model, a failure trace, or a failure-model plug-in.',
  'failures.model': 'Failure model file (models/failures/*.json), relative to this file.',
  'failures.trace': 'Failure trace CSV (host_or_domain,start,end in seconds), relative to this file.',
  'failures.generator': 'A failure-model plug-in by name (docs/extending.md).',
  ha: 'How the VMs of a failed host come back.',
  'ha.detectionSeconds': 'Time to notice a failed host before restarting its VMs elsewhere, s. Default 60.',
  'ha.bootSeconds': 'Guest boot time after a restart, s. Default 30.',
  'ha.restartLimit': 'Restarts allowed per VM; after that many, a VM whose host fails is reported as failed. Default 3.',
  maintenance: 'Rolling hypervisor upgrades, a batch of hosts at a time: drain by live migration and upgrade (mode drain), or hand the load to a standby hypervisor (mode standby); then the next batch.',
  'maintenance.startSeconds': 'When the first batch starts draining, s. Default 0.',
  'maintenance.batchSize': 'Hosts upgraded at once. Default 1.',
  'maintenance.upgradeSeconds': 'How long one upgrade keeps a host out, s. Default 1800.',
  'maintenance.checkIntervalSeconds': 'How often a draining batch is checked for being empty, s. Default 60.',
  rollout: 'Replace every VM on a schedule, in waves: immutable (boot a new instance, overlap, retire the old one) or in-place patching (docs/compare.md); absent: no rollouts.',
  io: 'How disk and network are shared on a host (docs/io.md); absent: max-min fair.',
  'io.disk': 'Disk bandwidth per VM, MB/s (read and write together).',
  ...under('io.disk', IO_SHARE('MBps', 'disk bandwidth')),
  'io.network': 'Network bandwidth per VM, Gbit/s (receive and transmit together).',
  ...under('io.network', IO_SHARE('Gbps', 'network bandwidth')),
  reportIntervalSeconds: 'Length of a row of timeseries.csv, s (1 s to a year). Default 300.',
  durationSeconds: 'Simulated time, s (at most 100 years); default: to the end of the trace.',
  compat: 'Reproduce another simulator (docs/validation.md); absent: rackplan\'s own model.',
  cloudsim: 'Switches of the CloudSim compatibility mode (only with compat), each on unless set to false.',
  ...under('cloudsim', CLOUDSIM),
};

const FAILURE_MODEL: Descriptions = {
  ...SCHEMA,
  id: 'Failure model id, kebab-case.',
  name: 'Human name of the failure model.',
  description: 'What the model represents, in words.',
  host: 'Independent failures of every host; absent for a model of domain events only.',
  ...under('host', UP_DOWN),
  domains: 'Correlated failures: an event of one rack or cluster takes all its hosts down together; at most one entry per level.',
  ...under('domains[]', UP_DOWN),
  'domains[].level': 'Which domain fails as one: rack or cluster.',
  source: SOURCE,
};

const COMPARE: Descriptions = {
  ...SCHEMA,
  name: 'Comparison name, kebab-case.',
  description: 'What the comparison is for, in words.',
  seed: 'Seed of every random stream of the runs. Default 1.',
  ...TRACE,
  hostModel: 'Host model of the consolidated pools. Default dell-poweredge-r740.',
  physicalModel: 'Model of the physical baseline\'s dedicated servers: absent = the pools\' hostModel (a saving is consolidation, not a hardware refresh); smallest-fit = for each workload the smallest catalog model it fits.',
  serversShare: '"Servers needed" is the most hosts on for at least this share of the time (0.5..1; 1 = the peak). Default 0.99.',
  energyPriceUsdPerKWh: 'Energy price, USD per kWh of facility energy. Default 0.12.',
  pue: 'Power usage effectiveness: facility energy / IT energy (1..5). Default 1.58.',
  ...PLACEMENT,
  reportIntervalSeconds: 'Length of one point of the over-time series, s. Default 300.',
  durationSeconds: 'Simulated time, s; default: to the end of the trace.',
  scenarios: 'The scenarios, in display order; physical is the baseline the others are measured against. Default: physical, virtual, elastic, containers.',
  'scenarios[].id': 'physical, virtual, elastic, containers, or a variant prefixed by its family (virtual-minimal).',
  'scenarios[].family': 'The scenario family: physical (dedicated servers), virtual (VMs), elastic (VMs with elastic sharing) or containers.',
  'scenarios[].label': 'Short name for tables and sentences; default from the family.',
  'scenarios[].description': 'What this scenario assumes; generated from its settings when absent.',
  'scenarios[].candidateModels': 'physical only: the host models a dedicated server is chosen from. Default: every catalog host.',
  'scenarios[].hostModel': 'Consolidated families only: the host model of the pool. Default: the spec\'s hostModel.',
  'scenarios[].hypervisor': 'Consolidated families only: hypervisor id. Default kvm, or container-runtime for containers.',
  'scenarios[].guest': 'Consolidated families only: guest footprint id (models/guests/).',
  'scenarios[].elastic': 'elastic only: min/max/burst settings over the defaults.',
  ...under('scenarios[].elastic', ELASTIC),
  'scenarios[].consolidation': 'Consolidated families only: dynamic consolidation, as in a scenario file; such a variant is not expanded by policies.',
  ...under('scenarios[].consolidation', CONSOLIDATION),
  policies: 'The consolidation-policy axis: each consolidated scenario without its own consolidation runs once per policy, none or <detector>-<selection>-<safety> (lr-mmt-1.2). Absent: every scenario runs once.',
  plugins: 'Plug-in modules (docs/extending.md), relative to this file.',
};

const SWEEP: Descriptions = {
  ...SCHEMA,
  name: 'Sweep name, kebab-case.',
  description: 'What the sweep explores, in words.',
  scenario: 'The base scenario file, relative to this file.',
  parameters: 'Dotted scenario key (seed, placement.policy) -> the values it takes; the runs are the cartesian product. null removes the key.',
  metrics: 'Run summary metrics reported per run, by dotted path (energyKWh, cpu.unmetFraction); a default set when absent.',
};

const PORTFOLIO: Descriptions = {
  ...SCHEMA,
  name: 'Portfolio name, kebab-case.',
  description: 'What the portfolio weighs, in words.',
  scenario: 'The scenario whose trace and settings every run uses, relative to this file.',
  slo: 'Service-level objective over run summary metrics, e.g. "unmetFraction<=0.001 and cpu.utilizationPeak<0.95".',
  seeds: 'Seeded runs per candidate, growth and failure setting. Default 5.',
  maxRisk: 'Highest acceptable share of runs that miss the SLO, 0..1; candidates above it rank after those within it. Default 0.05.',
  candidates: 'The datacenters weighed: count hosts of one model on one rack, or a topology file.',
  'candidates[].id': 'Candidate id, kebab-case, as the ranking names it.',
  'candidates[].model': 'Host model id of a uniform candidate.',
  'candidates[].count': 'Hosts of that model.',
  'candidates[].hypervisor': 'Hypervisor id; default: the scenario\'s.',
  'candidates[].topology': 'Topology file, relative to this file.',
  growth: 'Workload growth factors each candidate is run at. Default [1].',
  growthMode: 'Grow by scaling every VM\'s demand or by replicating VMs. Default scale.',
  failures: 'Failure settings each candidate is run under. Default: none.',
  'failures[].id': 'Failure setting id, kebab-case (none: no failures).',
  'failures[].model': 'Failure model file (models/failures/*.json), relative to this file.',
  'failures[].trace': 'Failure trace CSV, relative to this file.',
  placement: 'Placement policies each candidate is run with; default: the scenario\'s.',
};

/** Every published schema kind's field descriptions (the kinds of cli/spec-kinds.ts). */
export const SCHEMA_DESCRIPTIONS: Readonly<Record<string, Descriptions>> = {
  'host-model': HOST_MODEL,
  hypervisor: HYPERVISOR,
  topology: TOPOLOGY,
  guest: GUEST,
  scenario: SCENARIO,
  'failure-model': FAILURE_MODEL,
  compare: COMPARE,
  sweep: SWEEP,
  portfolio: PORTFOLIO,
};

/** What a file of each kind is, for the schema itself (an editor shows it on the file's root). */
export const SCHEMA_KIND_DESCRIPTIONS: Readonly<Record<string, string>> = {
  'host-model': 'A server model (models/hosts/<id>.json): cores, clock rate, memory, power curve, cost.',
  hypervisor: 'A hypervisor (models/hypervisors/<id>.json): its CPU and memory overheads and the overcommit placement allows.',
  topology: 'A datacenter (models/topologies/*.json): clusters of racks of host groups.',
  guest: 'A guest footprint (models/guests/<id>.json): what a guest OS or container runtime costs per workload.',
  scenario: 'A scenario (models/scenarios/*.json): a trace replayed on a topology with placement, sharing, power, consolidation and failure settings.',
  'failure-model': 'A failure model (models/failures/*.json): time-to-failure and time-to-repair distributions of hosts and failure domains.',
  compare: 'A comparison (models/scenarios/compare-*.json): one trace replayed as physical servers, VMs, elastic VMs and containers.',
  sweep: 'A sweep (models/sweeps/*.json): a base scenario and the values each varied key takes.',
  portfolio: 'A capacity portfolio (models/portfolios/*.json): candidate datacenters ranked by cost, energy and risk over growth and failure settings.',
};

type JsonNode = { [key: string]: unknown };

/**
 * The JSON Schema with `description` set on every property the table describes (a `$ref`'s
 * target is described in place, once per path it is reached by). Returns a new object; the
 * input is not changed. Pure.
 */
export function describeJsonSchema(kind: string, schema: JsonNode): JsonNode {
  const table = SCHEMA_DESCRIPTIONS[kind] ?? {};
  const copy = structuredClone(schema);
  const defs = (copy['$defs'] ?? {}) as Record<string, JsonNode>;
  visit(copy, '', table, defs, new Set());
  const about = SCHEMA_KIND_DESCRIPTIONS[kind];
  return about === undefined ? copy : { ...copy, description: about };
}

/** Every property path of a JSON Schema, in the notation of SCHEMA_DESCRIPTIONS, with whether it has a description. */
export function schemaPropertyPaths(schema: JsonNode): Map<string, boolean> {
  const out = new Map<string, boolean>();
  const defs = (schema['$defs'] ?? {}) as Record<string, JsonNode>;
  walk(schema, '', defs, new Set(), (path, node) => out.set(path, (out.get(path) ?? true) && typeof node['description'] === 'string' && node['description'] !== ''));
  return out;
}

function visit(node: JsonNode, path: string, table: Descriptions, defs: Record<string, JsonNode>, refs: Set<string>): void {
  walk(node, path, defs, refs, (p, property) => {
    const text = table[p];
    if (text !== undefined) property['description'] = text;
  });
}

function walk(node: unknown, path: string, defs: Record<string, JsonNode>, refs: Set<string>, onProperty: (path: string, node: JsonNode) => void): void {
  if (!node || typeof node !== 'object') return;
  const n = node as JsonNode;
  if (typeof n['$ref'] === 'string') {
    const name = (n['$ref'] as string).split('/').pop()!;
    if (!refs.has(name)) walk(defs[name], path, defs, new Set([...refs, name]), onProperty);
  }
  const properties = n['properties'] as Record<string, JsonNode> | undefined;
  for (const [key, child] of Object.entries(properties ?? {})) {
    const p = path ? `${path}.${key}` : key;
    onProperty(p, child);
    walk(child, p, defs, refs, onProperty);
  }
  for (const key of ['oneOf', 'anyOf', 'allOf']) for (const child of (n[key] as unknown[] | undefined) ?? []) walk(child, path, defs, refs, onProperty);
  if (n['items'] && typeof n['items'] === 'object') walk(n['items'], `${path}[]`, defs, refs, onProperty);
  if (n['additionalProperties'] && typeof n['additionalProperties'] === 'object') walk(n['additionalProperties'], `${path}.*`, defs, refs, onProperty);
}
