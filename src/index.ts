/** rackplan as a library: the same capabilities as the CLI, typed. */
export { InputError } from './common/input-error.js';
export { RACKPLAN_VERSION } from './common/version.js';
export type { HostRow, RunInputs, RunResult, RunSummary, TimeSeries, VmRow } from './metrics/run-result.js';
export { readRunFiles } from './metrics/read-run-files.js';
export { writeRunFiles } from './metrics/write-run-files.js';
export { BUILTIN_MODELS_DIR, loadCatalog, type Catalog } from './model/catalog.js';
export { buildDatacenter, uniformTopology, type Datacenter } from './model/datacenter.js';
export type { GuestSpec, HostModelSpec, HypervisorSpec, TopologySpec } from './model/specs.js';
export { placementPolicyNames } from './placement/registry.js';
export { renderRunReport } from './report/run-report.js';
export { loadScenario, type ResolvedScenario, type ScenarioOverrides } from './scenario/load-scenario.js';
export { loadDatacenter, loadScenarioTrace, runOnDatacenter, runScenario, type RunScenarioOptions } from './scenario/run-scenario.js';
export type { ScenarioSpec } from './scenario/scenario-spec.js';
export { loadTrace } from './traces/load-trace.js';
export { synthesizeWorkload, type SynthOptions } from './traces/synthetic-workload.js';
export type { Workload } from './traces/workload.js';
