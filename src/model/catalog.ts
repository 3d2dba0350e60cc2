import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { InputError } from '../common/input-error.js';
import { loadSpec } from './load-spec.js';
export { lookup } from './lookup.js';
import {
  GuestSpecSchema,
  HostModelSpecSchema,
  HypervisorSpecSchema,
  type GuestSpec,
  type HostModelSpec,
  type HypervisorSpec,
} from './specs.js';

/** The models/ folder shipped with the package (found from this file, in src/ or dist/). */
export const BUILTIN_MODELS_DIR = fileURLToPath(new URL('../../models', import.meta.url));

/** Every host model, hypervisor and guest footprint in a models folder, by id. */
export interface Catalog {
  readonly dir: string;
  readonly hosts: ReadonlyMap<string, HostModelSpec>;
  readonly hypervisors: ReadonlyMap<string, HypervisorSpec>;
  readonly guests: ReadonlyMap<string, GuestSpec>;
  /** File each id was read from, for run.json checksums. */
  readonly files: ReadonlyMap<string, string>;
}

export function loadCatalog(dir = BUILTIN_MODELS_DIR): Catalog {
  const files = new Map<string, string>();
  const hosts = loadKind<HostModelSpec>(dir, 'hosts', HostModelSpecSchema, files);
  const hypervisors = loadKind<HypervisorSpec>(dir, 'hypervisors', HypervisorSpecSchema, files);
  const guests = loadKind<GuestSpec>(dir, 'guests', GuestSpecSchema, files);
  return { dir, hosts, hypervisors, guests, files };
}

function loadKind<T extends { id: string }>(
  dir: string,
  kind: string,
  schema: Parameters<typeof loadSpec>[1],
  files: Map<string, string>,
): Map<string, T> {
  const folder = join(dir, kind);
  const byId = new Map<string, T>();
  if (!existsSync(folder)) return byId;
  for (const name of readdirSync(folder).filter((n) => n.endsWith('.json')).sort()) {
    const path = join(folder, name);
    const spec = loadSpec(path, schema) as T;
    if (`${spec.id}.json` !== name) throw new InputError(`id "${spec.id}" must match the file name`, { file: path, field: 'id' });
    byId.set(spec.id, spec);
    files.set(`${kind}/${spec.id}`, path);
  }
  return byId;
}
