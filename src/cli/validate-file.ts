import { readFileSync } from 'node:fs';
import { basename, dirname, extname } from 'node:path';
import { CARBON_INTENSITY_HEADER, readCarbonIntensity } from '../model/carbon-intensity.js';
import { InputError } from '../common/input-error.js';
import { loadComparePlan } from '../compare/compare-plan.js';
import { comparePlugins } from '../compare/compare-plugins.js';
import { loadCatalog, type Catalog } from '../model/catalog.js';
import { buildDatacenter } from '../model/datacenter.js';
import { loadSpec } from '../model/load-spec.js';
import { loadTopology, openDcNotesOf } from '../model/load-topology.js';
import { isOpenDcTopology } from '../model/opendc-topology.js';
import { TopologySpecSchema } from '../model/specs.js';
import { placementPolicy } from '../placement/registry.js';
import { checkPortfolio } from '../planner/portfolio.js';
import { loadPlugins } from '../scenario/load-plugins.js';
import { loadScenario } from '../scenario/load-scenario.js';
import { checkCarbonSpec } from '../scenario/carbon-settings-of.js';
import { checkDeferrableSpec } from '../scenario/deferrable-vms.js';
import { loadDatacenter, rolloutGuest } from '../scenario/run-scenario.js';
import { loadSweepSpec } from '../sweep/sweep-spec.js';
import { SPEC_KINDS, type SpecKind } from './spec-kinds.js';

/**
 * Checks a models/ file the way the command that reads it does, before that command would run
 * anything (a scenario's placement and datacenter, a compare spec's plan, a portfolio's
 * candidates, a sweep's axes), and returns its kind. Every problem is an InputError. `notes`
 * collects what the user should read although the file is valid: how an OpenDC topology (the
 * file, or the one a scenario names) was mapped.
 */
export async function validateFile(file: string, catalog: Catalog = loadCatalog(), notes: string[] = []): Promise<SpecKind | typeof CARBON_INTENSITY_KIND> {
  if (isCarbonIntensity(file)) {
    readCarbonIntensity(file);
    return CARBON_INTENSITY_KIND;
  }
  const kind = kindOf(file);
  switch (kind) {
    case 'scenario': {
      const scenario = loadScenario(file);
      const plugins = await loadPlugins(scenario.spec.plugins);
      placementPolicy(scenario.spec.placement.policy, { file, field: 'placement.policy' }, plugins.placement);
      loadDatacenter(scenario, catalog);
      notes.push(...openDcNotesOf(scenario.topologyPath));
      checkCarbonSpec(scenario.spec, file);
      checkDeferrableSpec(scenario.spec, { file });
      rolloutGuest(scenario.spec, catalog, file);
      break;
    }
    case 'topology': {
      // rackplan's format or OpenDC's (its host types become host models).
      const loaded = loadTopology(file, catalog);
      buildDatacenter(loaded.topology, loaded.catalog, file);
      notes.push(...openDcNotesOf(file));
      break;
    }
    case 'compare': {
      const plan = loadComparePlan(file, {}, catalog, '.', await comparePlugins(file));
      notes.push(...plan.topologyNotes);
      checkCarbonSpec(plan.spec.carbon ? { carbon: { ...plan.spec.carbon, pue: plan.spec.pue } } : {}, file);
      break;
    }
    case 'portfolio':
      notes.push(...(await checkPortfolio(file, catalog)).topologyNotes);
      break;
    case 'sweep':
      loadSweepSpec(file);
      break;
    default:
      loadSpec(file, SPEC_KINDS[kind].schema);
  }
  return kind;
}

/** Carbon-intensity files are CSV data, not JSON specs (models/carbon/, docs/facility.md). */
export const CARBON_INTENSITY_KIND = 'carbon-intensity';

/** A .csv in a folder named carbon, or one whose first line that is not a comment is the carbon header. */
function isCarbonIntensity(file: string): boolean {
  if (extname(file).toLowerCase() !== '.csv') return false;
  if (basename(dirname(file)) === 'carbon') return true;
  let text = '';
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    return false;
  }
  const first = text.replace(/^\uFEFF/, '').split(/\r?\n/).find((line) => line.trim() !== '' && !line.trim().startsWith('#'));
  return first?.replace(/\s/g, '').toLowerCase() === CARBON_INTENSITY_HEADER;
}

/**
 * By its `$schema` name; else by its folder, and where a folder holds several kinds
 * (models/scenarios: scenarios and compare specs) by the one whose schema the file meets.
 */
function kindOf(file: string): SpecKind {
  const json = readJson(file);
  if (isOpenDcTopology(json)) return 'topology';
  const schemaRef = json !== null && typeof json === 'object' ? (json as { $schema?: unknown }).$schema : undefined;
  const kinds = Object.keys(SPEC_KINDS) as SpecKind[];
  if (typeof schemaRef === 'string') {
    const named = kinds.find((kind) => basename(schemaRef) === `${kind}.schema.json`);
    if (named) return named;
  }
  const folder = basename(dirname(file));
  const candidates = kinds.filter((kind) => SPEC_KINDS[kind].folder === folder);
  if (candidates.length === 1) return candidates[0]!;
  const fitting = candidates.filter((kind) => SPEC_KINDS[kind].schema.safeParse(json).success);
  if (fitting.length >= 1) return fitting[0]!;
  if (candidates.length > 1) {
    throw new InputError(`is none of the kinds of ${folder}/ (${candidates.join(', ')}); give it a "$schema" to see what is wrong`, { file });
  }
  throw new InputError(`cannot tell what kind of file this is; give it a "$schema" (one of ${kinds.map((k) => `${k}.schema.json`).join(', ')})`, { file });
}

function readJson(file: string): unknown {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    throw new InputError('cannot read file', { file });
  }
  try {
    return JSON.parse(text);
  } catch {
    // loadSpec reports invalid JSON with its line and column.
    loadSpec(file, TopologySpecSchema);
    throw new InputError('invalid JSON', { file });
  }
}
