import { readFileSync } from 'node:fs';
import { InputError } from '../common/input-error.js';
import type { Catalog } from './catalog.js';
import { parseSpec } from './load-spec.js';
import { isOpenDcTopology, readOpenDcTopology, type OpenDcTopology } from './opendc-topology.js';
export { openDcNotesOf, topologyNotes } from './opendc-notes.js';
import { TopologySpecSchema, type HostModelSpec, type TopologySpec } from './specs.js';

/** A topology as read: rackplan's own format, or an OpenDC file with its host models. */
export interface LoadedTopology {
  topology: TopologySpec;
  /** The catalog with the OpenDC file's host models added (the same catalog for rackplan files). */
  catalog: Catalog;
  /** For an OpenDC file, what was mapped and what was not; null for rackplan's format. */
  openDc: Pick<OpenDcTopology, 'mapped' | 'unmapped'> | null;
}

/** Reads a topology file in either format (detected from its content). */
export function loadTopology(path: string, catalog: Catalog): LoadedTopology {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    if (error instanceof SyntaxError) throw new InputError(`not valid JSON: ${error.message}`, { file: path });
    throw error;
  }
  if (!isOpenDcTopology(raw)) return { topology: parseSpec(raw, TopologySpecSchema, path), catalog, openDc: null };
  const read = readOpenDcTopology(raw, path);
  return { topology: read.topology, catalog: withModels(catalog, read.models), openDc: { mapped: read.mapped, unmapped: read.unmapped } };
}

/** The catalog plus the host models of every OpenDC topology among `paths` (rackplan files add none). */
export function catalogWithTopologies(catalog: Catalog, paths: Iterable<string>): Catalog {
  let out = catalog;
  for (const path of new Set(paths)) {
    const loaded = loadTopology(path, out);
    if (loaded.openDc) out = loaded.catalog;
  }
  return out;
}

function withModels(catalog: Catalog, models: readonly HostModelSpec[]): Catalog {
  const hosts = new Map(catalog.hosts);
  for (const model of models) hosts.set(model.id, model);
  return { ...catalog, hosts };
}
