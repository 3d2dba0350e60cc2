/**
 * The CloudSim 3.0.3 compatibility mode (docs/validation.md): rackplan reproduces how CloudSim's
 * power package (org.cloudbus.cloudsim.power) and its PlanetLab example runners
 * (org.cloudbus.cloudsim.examples.power.planetlab) simulate dynamic consolidation, one behaviour
 * per switch. Every switch is on under `"compat": "cloudsim-3.0.3"`; turning one off puts
 * rackplan's own behaviour back for that one aspect, so its worth can be measured.
 */
export const COMPAT_MODES = ['cloudsim-3.0.3'] as const;
export type CompatMode = (typeof COMPAT_MODES)[number];

export interface CloudsimSwitches {
  /** 1. Demand read 0.1 s into each interval, interpolated; a VM requesting exactly 0 MIPS is destroyed. */
  vanishingVms: boolean;
  /** 2. Switched-off hosts are overload-pass destinations, ranked by P(after) - P(now); no overload check on empty hosts. */
  overloadDestinations: boolean;
  /** 3. Underload pass: empty exclusion list, pre-move utilization ranking, re-movable VMs. */
  underloadPass: boolean;
  /** 4. lr/lrr: unweighted least squares over the last 10 points, one step ahead (lrr = lr). */
  unweightedRegression: boolean;
  /** 5. Migrations counted at start, RAM / (link / 2) long, source charged full load and destination 10%. */
  migrationAccounting: boolean;
  /** 6. Initial placement at full MIPS: power-aware spreading (migration policies) or first fit (dvfs, npa). */
  initialPlacement: boolean;
  /** 7a. mu ranks VMs by utilization fraction, not MHz. */
  muByFraction: boolean;
  /** 7b. iqr: nearest-rank quartiles; destinations re-checked with the incoming VM's history. */
  nearestRankIqr: boolean;
  /** 7c. A VM gets at most one core's MIPS. */
  coreCap: boolean;
  /** 7d. Energy as trapezoids between updates; 0 W after a step at 0 utilization. */
  trapezoidEnergy: boolean;
  /** 7e. SLATAH counts a migration's destination as violating for the whole copy. */
  destinationSlatah: boolean;
  /** 7f. PDM pooled over all VMs (MIPS under-allocated over MIPS requested). */
  pooledPdm: boolean;
}

export const CLOUDSIM_SWITCH_NAMES = [
  'vanishingVms',
  'overloadDestinations',
  'underloadPass',
  'unweightedRegression',
  'migrationAccounting',
  'initialPlacement',
  'muByFraction',
  'nearestRankIqr',
  'coreCap',
  'trapezoidEnergy',
  'destinationSlatah',
  'pooledPdm',
] as const satisfies readonly (keyof CloudsimSwitches)[];

export const ALL_CLOUDSIM_SWITCHES_ON: CloudsimSwitches = Object.fromEntries(CLOUDSIM_SWITCH_NAMES.map((name) => [name, true])) as unknown as CloudsimSwitches;

/** How a run was modelled, for run.json and the report. */
export function modelLabel(compat: CompatMode | null): string {
  return compat === 'cloudsim-3.0.3' ? 'CloudSim 3.0.3 compatibility' : 'rackplan model';
}
