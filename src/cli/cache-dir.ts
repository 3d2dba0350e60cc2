import { homedir } from 'node:os';
import { join } from 'node:path';

/** Default trace cache: $RACKPLAN_CACHE_DIR, else $XDG_CACHE_HOME/rackplan, else ~/.cache/rackplan. */
export function defaultCacheDir(): string {
  if (process.env.RACKPLAN_CACHE_DIR) return process.env.RACKPLAN_CACHE_DIR;
  return join(process.env.XDG_CACHE_HOME ?? join(homedir(), '.cache'), 'rackplan');
}

/** `--cache-dir none` disables the cache. */
export function cacheDirOption(value: string | undefined): string | null {
  if (value === 'none') return null;
  return value ?? defaultCacheDir();
}

/** Prints a problem with the cache that did not fail the command (e.g. it cannot be written). */
export function printCacheWarning(message: string): void {
  process.stderr.write(`warning: ${message}\n`);
}
