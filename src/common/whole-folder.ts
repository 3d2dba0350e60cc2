import { existsSync, mkdirSync, readdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { basename, dirname, join, relative, resolve } from 'node:path';
import { InputError } from './input-error.js';

/**
 * Writes an output folder as a whole. The new folder is built beside the target
 * (`.<name>.new-<pid>`), then swapped in with two renames: the old folder to
 * `.<name>.old-<pid>`, the new one to its place; then the old one is removed. A process killed
 * at any moment (kill -9 included) leaves the target entirely old or entirely new, never old
 * files next to new ones. The one gap between the two renames leaves the target absent with
 * the complete old folder beside it; the next write puts it back first (recoverFolder). Bad
 * input leaves the target untouched.
 *
 * Only a folder holding nothing but `outputs` (this command's own files) is replaced, so an
 * `--out` pointing at a folder of other files (or the working directory) is refused, not wiped.
 */
export async function replaceFolder(target: string, outputs: readonly string[], build: (dir: string) => void | Promise<void>, cwd: string): Promise<void> {
  const path = resolve(cwd, target);
  checkOutputFolder(path, outputs, cwd);
  recoverFolder(path);
  const fresh = sibling(path, 'new');
  rmSync(fresh, { recursive: true, force: true });
  mkdirSync(fresh, { recursive: true });
  try {
    await build(fresh);
  } catch (error) {
    rmSync(fresh, { recursive: true, force: true });
    throw error;
  }
  if (!existsSync(path)) {
    renameSync(fresh, path);
    return;
  }
  const old = sibling(path, 'old');
  rmSync(old, { recursive: true, force: true });
  renameSync(path, old);
  renameSync(fresh, path);
  rmSync(old, { recursive: true, force: true });
}

/**
 * Puts back an old folder that a killed swap left beside an absent target, and removes what
 * killed writers left (`.<name>.new-*`, and `.<name>.old-*` once the target is in place).
 */
export function recoverFolder(target: string): void {
  const parent = dirname(target);
  if (!existsSync(parent)) return;
  const prefix = `.${basename(target)}.`;
  // A killed replay --events also leaves its streamed log (`.<name>.events-<pid>`); this process's own is in use.
  const mine = `events-${process.pid}`;
  const leftovers = readdirSync(parent).filter((name) => name.startsWith(prefix) && /^(new|old|events)-\d+$/.test(name.slice(prefix.length)) && name.slice(prefix.length) !== mine);
  const olds = leftovers.filter((name) => name.slice(prefix.length).startsWith('old-'));
  if (!existsSync(target) && olds.length > 0) renameSync(join(parent, olds[0]!), target);
  for (const name of leftovers) rmSync(join(parent, name), { recursive: true, force: true });
}

function sibling(path: string, kind: 'new' | 'old'): string {
  return join(dirname(path), `.${basename(path)}.${kind}-${process.pid}`);
}

/**
 * Whether `target` may be replaced by a folder of `outputs`: not the working directory or one
 * above it, not a file, and holding nothing but those outputs. Commands call it before they run,
 * so a wrong --out fails at once rather than after the work.
 */
export function checkOutputFolder(target: string, outputs: readonly string[], cwd: string): void {
  const path = resolve(cwd, target);
  const up = relative(path, resolve(cwd));
  if (dirname(path) === path || up === '' || !up.startsWith('..')) {
    throw new InputError('the output folder would contain the working directory; give a folder of its own', { field: '--out', file: path });
  }
  if (!existsSync(path)) return;
  if (!statSync(path).isDirectory()) throw new InputError('not a folder', { field: '--out', file: path });
  const allowed = new Set(outputs);
  const foreign = readdirSync(path).filter((name) => !allowed.has(name));
  if (foreign.length > 0) {
    const shown = foreign.slice(0, 3).map((name) => JSON.stringify(name)).join(', ');
    throw new InputError(`holds files this command did not write (${shown}${foreign.length > 3 ? ', ...' : ''}); it is replaced as a whole, so give a new folder or one of its own outputs`, { field: '--out', file: path });
  }
}
