import { realpathSync, statSync } from 'node:fs';
import { basename, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { InputError } from '../common/input-error.js';
import { printable } from '../common/printable.js';

/**
 * Named folders that queue jobs may read inputs from. A job names an input as `<root>:<path>`
 * (`traces:bitbrains/2013-8`), never as an absolute path: the worker looks the root up in its
 * own configuration, so a job cannot make it read anything its operator did not offer.
 */
export type DataRoots = ReadonlyMap<string, string>;

const ROOT_NAME = /^[a-z][a-z0-9-]{0,31}$/;
/** A relative path of plain names: no empty, `.` or `..` parts, no backslashes or control characters. */
const SEGMENT = /^(?!\.{1,2}$)[^/\\\u0000-\u001f\u007f]{1,255}$/;
const MAX_PATH_CHARS = 1024;

/** `name=dir` (or `dir`, named after its last part) from a `--data-root` flag. */
export function parseDataRoot(flag: string, cwd: string): [string, string] {
  const at = flag.indexOf('=');
  const name = at >= 0 ? flag.slice(0, at) : basename(resolve(cwd, flag)).toLowerCase();
  const dir = at >= 0 ? flag.slice(at + 1) : flag;
  if (!ROOT_NAME.test(name)) throw new InputError(`"${printable(name)}": a root name is lowercase letters, digits and -, starting with a letter (name=dir)`, { field: '--data-root' });
  if (dir === '') throw new InputError(`root "${name}" has no folder (name=dir)`, { field: '--data-root' });
  return [name, resolve(cwd, dir)];
}

/** Roots from flags over the defaults; a name given twice is an error. */
export function dataRoots(defaults: Iterable<[string, string]>, flags: readonly [string, string][]): DataRoots {
  const roots = new Map(defaults);
  const seen = new Set<string>();
  for (const [name, dir] of flags) {
    if (seen.has(name)) throw new InputError(`root "${name}" is given twice`, { field: '--data-root' });
    seen.add(name);
    roots.set(name, dir);
  }
  return roots;
}

/**
 * The submitter's side: an absolute input path as `<root>:<path>`, under the root that holds it
 * most closely. A path under no root cannot be sent to workers.
 */
export function toRootPath(path: string, roots: DataRoots, field: string): string {
  let best: [string, string] | null = null;
  for (const [name, dir] of roots) {
    const rel = relative(dir, path);
    if (rel.startsWith('..') || isAbsolute(rel)) continue;
    if (!best || rel.length < best[1].length) best = [name, rel];
  }
  if (!best) {
    const names = [...roots].map(([name, dir]) => `${name}=${dir}`).join(', ');
    throw new InputError(`${path} is under no data root (${names}); add --data-root name=dir here and on the workers`, { field });
  }
  return `${best[0]}:${best[1].split(sep).join('/')}`;
}

/**
 * The worker's side: `<root>:<path>` as an absolute path inside that root, after following
 * symbolic links, naming a regular file or a folder. Anything else is refused with the
 * job's text escaped, never with the file's contents.
 */
export function fromRootPath(name: string, roots: DataRoots, field: string): string {
  const colon = name.indexOf(':');
  const rootName = colon > 0 ? name.slice(0, colon) : '';
  const rel = colon > 0 ? name.slice(colon + 1) : '';
  const shown = printable(name);
  const root = roots.get(rootName);
  if (root === undefined) throw new InputError(`"${shown}" names no data root of this worker (${[...roots.keys()].join(', ')}); expected <root>:<relative path>`, { field });
  const parts = rel === '' ? [] : rel.split('/');
  if (rel.length > MAX_PATH_CHARS || !parts.every((part) => SEGMENT.test(part))) {
    throw new InputError(`"${shown}": outside the data roots; expected plain names under root "${rootName}" (no "..", no absolute path)`, { field });
  }
  let real: string;
  let realRoot: string;
  try {
    realRoot = realpathSync(root);
    real = realpathSync(join(root, ...parts));
  } catch {
    throw new InputError(`"${shown}": no such file or folder under root "${rootName}"`, { field });
  }
  const inside = relative(realRoot, real);
  if (inside.startsWith('..') || isAbsolute(inside)) throw new InputError(`"${shown}": a link that leads outside root "${rootName}"`, { field });
  const info = statSync(real);
  if (!info.isFile() && !info.isDirectory()) throw new InputError(`"${shown}": a device or special file; only regular files and folders are read`, { field });
  return real;
}
