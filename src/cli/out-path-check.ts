import { accessSync, constants, realpathSync, statSync } from 'node:fs';
import { dirname, resolve, sep } from 'node:path';
import { InputError } from '../common/input-error.js';

/**
 * Kernel file systems where output makes no sense: writing there fails with odd errors, and a
 * recursive mkdir under /proc never returns (seen with Node 20).
 */
const VIRTUAL_ROOTS = ['/proc', '/sys', '/dev'];

/**
 * Refuses an `--out` (or `--cache-dir`) that cannot hold the output before any work is done:
 * one line naming the flag, exit code 2, nothing written. `folder`: the path is (or will be) a folder; `file`: the
 * path is a file and its folder must be usable.
 */
export function checkOutPath(out: string, kind: 'folder' | 'file', flag = '--out'): void {
  const path = resolve(out);
  const fail = (why: string) => {
    throw new InputError(why, { file: out, field: flag });
  };
  const existing = nearestExisting(kind === 'file' ? dirname(path) : path);
  const real = realpathSync(existing);
  if (VIRTUAL_ROOTS.some((root) => real === root || real.startsWith(root + sep))) fail(`${root(real)} is a kernel file system, not a place for output`);
  const info = statSync(existing);
  if (kind === 'folder' && existing === path && !info.isDirectory()) fail('exists and is not a folder');
  if (kind === 'file' && existing === path && info.isDirectory()) fail('is a folder, expected a file');
  if (!info.isDirectory()) fail(`${existing} is not a folder`);
  try {
    accessSync(existing, constants.W_OK | constants.X_OK);
  } catch {
    fail(existing === path ? 'folder is not writable' : `cannot create it: ${existing} is not writable`);
  }
}

function nearestExisting(path: string): string {
  let current = path;
  for (;;) {
    try {
      statSync(current);
      return current;
    } catch {
      const parent = dirname(current);
      if (parent === current) return current;
      current = parent;
    }
  }
}

function root(real: string): string {
  return VIRTUAL_ROOTS.find((r) => real === r || real.startsWith(r + sep))!;
}
