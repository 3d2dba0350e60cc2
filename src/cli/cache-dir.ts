import { homedir } from 'node:os';
import { join } from 'node:path';
import { checkOutPath } from './out-path-check.js';

/** Default trace cache: $RACKPLAN_CACHE_DIR, else $XDG_CACHE_HOME/rackplan, else ~/.cache/rackplan. */
export function defaultCacheDir(): string {
  if (process.env.RACKPLAN_CACHE_DIR) return process.env.RACKPLAN_CACHE_DIR;
  return join(process.env.XDG_CACHE_HOME ?? join(homedir(), '.cache'), 'rackplan');
}

/** `--cache-dir none` disables the cache; a folder given by the flag must be usable. */
export function cacheDirOption(value: string | undefined): string | null {
  if (value === 'none') return null;
  if (value !== undefined) checkOutPath(value, 'folder', '--cache-dir');
  return value ?? defaultCacheDir();
}

/** Prints a problem with the cache that did not fail the command (e.g. it cannot be written). */
export function printCacheWarning(message: string): void {
  process.stderr.write(`warning: ${message}\n`);
}
