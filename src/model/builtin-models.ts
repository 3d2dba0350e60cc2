import { existsSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { BUILTIN_MODELS_DIR } from './catalog.js';

/** Kinds of model file that can be named instead of given as a path. */
export type ModelKind = 'scenarios' | 'topologies' | 'sweeps' | 'portfolios' | 'failures' | 'carbon';

/** Built-in models are JSON files, but for carbon intensities (CSV). */
const EXTENSION: Partial<Record<ModelKind, string>> = { carbon: '.csv' };

const BARE_NAME = /^[a-z0-9][a-z0-9._-]*$/;

/**
 * A model file given as a path (relative to `base`) or as the name of a built-in one
 * (`default`, `planetlab-800`: models/<kind>/<name>.json in the package). A path that exists
 * wins; a bare name without such a file is looked up among the built-ins; anything else is
 * returned resolved, for the reader to report as missing.
 */
export function modelPath(kind: ModelKind, value: string, base = '.'): string {
  const path = resolve(base, value);
  if (existsSync(path) || !BARE_NAME.test(value)) return path;
  const ext = EXTENSION[kind] ?? '.json';
  const builtin = join(BUILTIN_MODELS_DIR, kind, value.endsWith(ext) ? value : `${value}${ext}`);
  return existsSync(builtin) ? builtin : path;
}

/** The names of the built-in models of a kind, sorted (for help and errors). */
export function builtinModelNames(kind: ModelKind): string[] {
  const folder = join(BUILTIN_MODELS_DIR, kind);
  if (!existsSync(folder)) return [];
  return readdirSync(folder)
    .filter((n) => n.endsWith(EXTENSION[kind] ?? '.json'))
    .map((n) => n.slice(0, -(EXTENSION[kind] ?? '.json').length))
    .sort();
}
