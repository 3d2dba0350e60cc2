import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'vitest';

export const ROOT = join(import.meta.dirname, '..', '..');
export const CLI = join(ROOT, 'dist', 'cli', 'main.js');

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs the built CLI from the repository root with its trace cache in `cacheDir`. */
export function runCli(cacheDir: string, ...args: string[]): CliResult {
  const result = spawnSync(process.execPath, [CLI, ...args], { cwd: ROOT, encoding: 'utf8', env: { ...process.env, RACKPLAN_CACHE_DIR: cacheDir } });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** Bad input: one line on stderr, exit 2, no stack trace, nothing written to `out`. */
export function expectBadInput(result: CliResult, out: string, pattern: RegExp): void {
  expect(result.code).toBe(2);
  expect(result.stderr.trim().split('\n').filter((l) => !l.startsWith('(add --help'))).toHaveLength(1);
  expect(result.stderr).toMatch(pattern);
  expect(result.stderr).not.toMatch(/\n\s+at /);
  expect(existsSync(out)).toBe(false);
}
