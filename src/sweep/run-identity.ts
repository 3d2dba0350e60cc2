import { sha256Hex } from '../common/checksum.js';
import { stableStringify } from '../common/stable-json.js';
import { RACKPLAN_VERSION } from '../common/version.js';
import type { Catalog } from '../model/catalog.js';
import type { Datacenter } from '../model/datacenter.js';
import type { ResolvedScenario } from '../scenario/load-scenario.js';
import type { FileChecksums } from './file-checksums.js';

/**
 * Everything a run's result depends on, as plain data: the run's hash is the sha256 of its
 * stable JSON. File paths never enter it (their contents do), so moving a checkout or mounting
 * the shared folder elsewhere keeps every hash.
 */
export interface RunIdentity {
  rackplanVersion: string;
  /** The resolved scenario (seed included); each file path replaced by `sha256:<hex>` of the file or folder. */
  scenario: Record<string, unknown>;
  /** The host models and hypervisors the datacenter uses, `hosts/<id>` -> sha256 of the model file. */
  models: Record<string, string>;
}

/** Scenario keys that hold file or folder paths (absolute in a resolved sweep run). */
export const SCENARIO_PATH_KEYS: readonly string[] = ['trace.path', 'topology', 'failures.model', 'failures.trace', 'deferrableVms'];

export function runIdentity(scenario: ResolvedScenario, dc: Datacenter, catalog: Catalog, checksums: FileChecksums): RunIdentity {
  const spec = structuredClone(scenario.spec) as Record<string, unknown>;
  delete spec['$schema'];
  for (const key of SCENARIO_PATH_KEYS) {
    const path = getPath(spec, key);
    if (typeof path === 'string') setPath(spec, key, `sha256:${checksums.of(path)}`);
  }
  if (Array.isArray(spec['plugins'])) spec['plugins'] = (spec['plugins'] as string[]).map((path) => `sha256:${checksums.of(path)}`);
  const models: Record<string, string> = {};
  const add = (id: string) => {
    const file = catalog.files.get(id);
    if (file) models[id] = checksums.of(file);
  };
  for (const model of dc.models) add(`hosts/${model.id}`);
  for (const hypervisor of dc.hypervisors) add(`hypervisors/${hypervisor.id}`);
  return { rackplanVersion: RACKPLAN_VERSION, scenario: spec, models };
}

export function runHash(identity: RunIdentity): string {
  return sha256Hex(stableStringify(identity));
}

/** The value at a dotted key, or undefined when any part is missing. */
export function getPath(root: Record<string, unknown>, key: string): unknown {
  let node: unknown = root;
  for (const part of key.split('.')) {
    if (node === null || typeof node !== 'object' || Array.isArray(node) || !Object.hasOwn(node, part)) return undefined;
    node = (node as Record<string, unknown>)[part];
  }
  return node;
}

/**
 * Sets a dotted key, creating missing objects on the way; null deletes the key. Returns false
 * when a part on the way holds something other than an object.
 */
export function setPath(root: Record<string, unknown>, key: string, value: unknown): boolean {
  const parts = key.split('.');
  let node = root;
  for (const part of parts.slice(0, -1)) {
    const next = Object.hasOwn(node, part) ? node[part] : undefined;
    if ((next === undefined || next === null) && value === null) return true;
    if (next === undefined || next === null) node[part] = {};
    else if (typeof next !== 'object' || Array.isArray(next)) return false;
    node = node[part] as Record<string, unknown>;
  }
  const last = parts[parts.length - 1]!;
  if (value === null) delete node[last];
  else node[last] = structuredClone(value);
  return true;
}
