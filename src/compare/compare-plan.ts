import { statSync } from 'node:fs';
import { dirname, extname, resolve } from 'node:path';
import { loadFailureModel } from '../failures/failure-spec.js';
import { InputError } from '../common/input-error.js';
import { modelPath } from '../model/builtin-models.js';
import type { Catalog } from '../model/catalog.js';
import { lookup } from '../model/catalog.js';
import { loadSpec, parseSpec } from '../model/load-spec.js';
import { loadTopology, openDcNotesOf } from '../model/load-topology.js';
import { placementPolicy } from '../placement/registry.js';
import { NO_PLUGINS, type PluginSet } from '../scenario/plugin-set.js';
import { SCALING_RULES, type ScalingRule } from '../services/scaling-rule.js';
import { readMappingFile, readMappingRows } from '../services/service-mapping.js';
import { CompareSpecSchema, type CompareSpec } from './compare-spec.js';
import { resolveServices, scalingVariants, type ServicesPlan } from './scaling-variants.js';
import { planVariant, takesPolicies, withPolicy, type VariantPlan } from './compare-variants.js';
import { consolidationPolicyName, parseConsolidationPolicy, type ConsolidationSpec } from './consolidation-policy.js';

/** Command-line flags over a compare spec (paths relative to the working directory). */
export interface CompareOverrides {
  trace?: string;
  format?: string;
  /** Host model of every consolidated pool. */
  hostModel?: string;
  /** A topology file whose host models join the catalog (its first is the pools' model). */
  topology?: string;
  /** Scenario ids to run, a subset of the spec's; all of them when absent. */
  scenarios?: string[];
  placement?: string;
  /** The consolidation-policy axis (`none`, `lr-mmt-1.2`, ...), over the spec's `policies`. */
  policies?: string[];
  /** The physical baseline's server model, or `smallest-fit`. */
  physicalModel?: string;
  serversShare?: number;
  energyPriceUsdPerKWh?: number;
  pue?: number;
  /** A carbon-intensity file or built-in name (--carbon), over the spec's carbon.intensity. */
  carbon?: string;
  /** The scaling axis (`fixed`, `horizontal`, `vertical`), over the spec's `scaling`. */
  scaling?: string[];
  /** Service mapping CSV, over the spec's `services.mapping`. */
  services?: string;
  /** A failure model (JSON) or failure trace (.csv) every scenario runs under, over the spec's `failures`. */
  failures?: string;
}

/** A comparison ready to run: the spec with flags applied and every id looked up. */
export interface ComparePlan {
  spec: CompareSpec;
  /** The compare spec file, or null when flags alone describe the comparison. */
  file: string | null;
  tracePath: string;
  /**
   * The scenarios to run, in the spec's order; with a policy axis each consolidated scenario is
   * followed by its policy variants, in the order of the policies.
   */
  variants: VariantPlan[];
  /** The plug-ins whose names the spec and flags may use. */
  plugins: PluginSet;
  /** The catalog the runs use: the one given, plus the host models of the spec's topology. */
  catalog: Catalog;
  /** How an OpenDC topology was mapped (model/load-topology.ts topologyNotes); empty otherwise. */
  topologyNotes: string[];
  /** Services and scaling-rule settings when the plan has a scaling axis; null otherwise. */
  services: ServicesPlan | null;
}

const FLAGS = '(flags)';

/**
 * Reads a compare spec (or, without one, the four families on `overrides.trace`), applies the
 * flags and checks every name against the catalog and the registries before anything runs.
 */
export function loadComparePlan(named: string | null, overrides: CompareOverrides, givenCatalog: Catalog, cwd = '.', plugins: PluginSet = NO_PLUGINS): ComparePlan {
  const file = named === null ? null : modelPath('scenarios', named, cwd);
  const base = file
    ? loadSpec(file, CompareSpecSchema)
    : parseSpec({ name: 'adhoc', trace: { path: overrides.trace ?? '' } }, CompareSpecSchema, FLAGS);
  const source = file ?? FLAGS;
  const fileDir = file ? dirname(resolve(file)) : resolve(cwd);
  const topologyPath = overrides.topology ? modelPath('topologies', overrides.topology, cwd) : base.topology ? modelPath('topologies', base.topology, fileDir) : null;
  const topology = topologyPath ? loadTopology(topologyPath, givenCatalog) : null;
  const catalog = topology ? topology.catalog : givenCatalog;
  const topologyModel = topology?.topology.clusters[0]?.racks[0]?.hosts[0]?.model;
  const spec: CompareSpec = {
    ...base,
    trace: { ...base.trace, path: overrides.trace ?? base.trace.path, ...(overrides.format ? { format: overrides.format } : {}) },
    hostModel: overrides.hostModel ?? topologyModel ?? base.hostModel,
    ...(topologyPath ? { topology: topologyPath } : {}),
    placement: { ...base.placement, policy: overrides.placement ?? base.placement.policy },
    ...(overrides.physicalModel !== undefined ? { physicalModel: overrides.physicalModel } : {}),
    serversShare: overrides.serversShare ?? base.serversShare,
    energyPriceUsdPerKWh: overrides.energyPriceUsdPerKWh ?? base.energyPriceUsdPerKWh,
    pue: overrides.pue ?? base.pue,
  };
  placementPolicy(spec.placement.policy, overrides.placement ? { field: '--placement' } : { file: source, field: 'placement.policy' }, plugins.placement);
  const hostModel = lookup(catalog.hosts, spec.hostModel, 'host model', overrides.hostModel ? { field: '--host-model' } : { file: source, field: 'hostModel' });
  const physicalWhere = overrides.physicalModel !== undefined ? { field: '--physical-model' } : { file: source, field: 'physicalModel' };
  const physicalModel =
    spec.physicalModel === 'smallest-fit' ? null : spec.physicalModel ? lookup(catalog.hosts, spec.physicalModel, 'host model', physicalWhere) : hostModel;
  const context = { catalog, file: source, hostModel, hostModelForced: overrides.hostModel !== undefined, physicalModel };
  const chosen = selectScenarios(spec, overrides.scenarios);
  const policies = readPolicies(overrides.policies ?? spec.policies, overrides.policies ? { field: '--policies' } : { file: source, field: 'policies' }, plugins);
  const variants = spec.scenarios
    .flatMap((variant, i) => (chosen.has(variant.id) ? [planVariant(variant, i, context)] : []))
    .flatMap((variant) => (policies && takesPolicies(variant) ? policies.map((policy) => withPolicy(variant, policy)) : [variant]));
  const ids = new Set<string>();
  for (const variant of variants) {
    if (ids.has(variant.id)) throw new InputError(`policy variant "${variant.id}" has the id of another scenario; rename that scenario`, { file: source, field: 'scenarios' });
    ids.add(variant.id);
  }
  if (overrides.carbon !== undefined) spec.carbon = { ...spec.carbon, intensity: modelPath('carbon', overrides.carbon, cwd) };
  else if (spec.carbon) spec.carbon = { ...spec.carbon, intensity: modelPath('carbon', spec.carbon.intensity, fileDir) };
  const scaling = scalingAxis(overrides.scaling ?? spec.scaling, overrides.scaling ? { field: '--scaling' } : { file: source, field: 'scaling' });
  let services: ServicesPlan | null = null;
  if (overrides.services && !scaling) throw new InputError('a service mapping is used only with --scaling (or a spec\'s "scaling")', { field: '--services' });
  if (scaling) {
    const mappingFile = overrides.services ? resolve(cwd, overrides.services) : spec.services.mapping ? resolve(fileDir, spec.services.mapping) : null;
    const mappingText = mappingFile ? readMappingFile(mappingFile, overrides.services ? { field: '--services' } : { file: source, field: 'services.mapping' }) : null;
    // Its shape now (validate reads no trace); its VM ids when the trace is read.
    if (mappingFile && mappingText !== null) readMappingRows(mappingText, mappingFile);
    services = resolveServices(spec.services, mappingFile, mappingText, catalog, source);
    for (const variant of scalingVariants(scaling, spec.services, hostModel, catalog, source, plugins)) {
      if (ids.has(variant.id)) throw new InputError(`scaling scenario "${variant.id}" has the id of another scenario; rename that scenario`, { file: source, field: 'scenarios' });
      ids.add(variant.id);
      variants.push(variant);
    }
  }
  const failures = failureFiles(spec.failures, overrides.failures, fileDir, cwd);
  if (failures) checkFailureFiles(failures, overrides.failures !== undefined ? '--failures' : null);
  return {
    spec: { ...spec, ...(failures ? { failures } : {}) },
    file: file ? resolve(file) : null,
    tracePath: overrides.trace ? resolve(cwd, overrides.trace) : resolve(fileDir, spec.trace.path),
    variants,
    plugins,
    catalog,
    topologyNotes: topologyPath ? openDcNotesOf(topologyPath) : [],
    services,
  };
}

/** The scaling axis from a flag or the spec: known rules, each once. */
function scalingAxis(names: string[] | undefined, where: { file?: string; field: string }): ScalingRule[] | null {
  if (names === undefined) return null;
  if (names.length === 0) throw new InputError(`no scaling rule given; valid: ${SCALING_RULES.join(', ')}`, where);
  const seen = new Set<string>();
  return names.map((name) => {
    if (!(SCALING_RULES as readonly string[]).includes(name)) throw new InputError(`unknown scaling rule "${name}"; valid: ${SCALING_RULES.join(', ')}`, where);
    if (seen.has(name)) throw new InputError(`scaling rule "${name}" is given twice`, where);
    seen.add(name);
    return name as ScalingRule;
  });
}

/** The failure files with absolute paths: `--failures` (relative to the working directory) over the spec's (relative to the spec). */
function failureFiles(fromSpec: CompareSpec['failures'], flag: string | undefined, fileDir: string, cwd: string): CompareSpec['failures'] {
  if (flag !== undefined) {
    const path = resolve(cwd, flag);
    return extname(path).toLowerCase() === '.csv' ? { trace: path } : { model: path };
  }
  if (!fromSpec) return undefined;
  return {
    ...(fromSpec.model ? { model: resolve(fileDir, fromSpec.model) } : {}),
    ...(fromSpec.trace ? { trace: resolve(fileDir, fromSpec.trace) } : {}),
  };
}

/**
 * A bad failure model or an unreadable failure trace is refused before any scenario runs (the
 * trace's rows are checked against each scenario's hosts when it runs).
 */
function checkFailureFiles(files: NonNullable<CompareSpec['failures']>, flag: string | null): void {
  if (files.model) loadFailureModel(files.model);
  if (files.trace && !isReadableFile(files.trace)) throw new InputError('cannot read file', flag ? { file: files.trace, field: flag } : { file: files.trace });
}

function isReadableFile(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

/** Parses the policy axis; unknown and repeated policies fail, naming the list entry. */
function readPolicies(names: string[] | undefined, where: { file?: string; field: string }, plugins: PluginSet): (ConsolidationSpec | null)[] | null {
  if (names === undefined) return null;
  if (names.length === 0) throw new InputError('no consolidation policy given; e.g. none,lr-mmt-1.2', where);
  const seen = new Set<string>();
  return names.map((name, i) => {
    const at = where.file ? { ...where, field: `${where.field}[${i}]` } : where;
    const policy = parseConsolidationPolicy(name, at, plugins);
    const canonical = consolidationPolicyName(policy);
    if (seen.has(canonical)) throw new InputError(`consolidation policy "${name}" is given twice`, at);
    seen.add(canonical);
    return policy;
  });
}

function selectScenarios(spec: CompareSpec, wanted: string[] | undefined): Set<string> {
  const valid = spec.scenarios.map((s) => s.id);
  if (wanted === undefined) return new Set(valid);
  if (wanted.length === 0) throw new InputError(`no scenario given; valid: ${valid.join(', ')}`, { field: '--scenarios' });
  for (const id of wanted) {
    if (!valid.includes(id)) throw new InputError(`unknown scenario "${id}"; valid: ${valid.join(', ')}`, { field: '--scenarios' });
  }
  return new Set(wanted);
}
