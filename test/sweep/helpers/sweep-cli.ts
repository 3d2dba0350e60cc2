import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

export const ROOT = join(import.meta.dirname, '..', '..', '..');
export const CLI = join(ROOT, 'dist', 'cli', 'main.js');
export const TINY_SWEEP = join(ROOT, 'models', 'sweeps', 'tiny.json');

export function requireBuild(): void {
  if (!existsSync(CLI)) throw new Error('dist/ is missing: npm test builds it first (npm run build)');
}

/** Runs the CLI to the end. */
export function rackplan(cacheDir: string, ...args: string[]) {
  return rackplanWith({}, cacheDir, ...args);
}

/** Runs the CLI to the end with more environment variables (REDIS_URL). */
export function rackplanWith(env: Record<string, string>, cacheDir: string, ...args: string[]) {
  const result = spawnSync(process.execPath, [CLI, ...args, '--cache-dir', cacheDir], { encoding: 'utf8', env: { ...process.env, ...env } });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** Starts the CLI; its stderr is collected in `log()`. */
export function startRackplan(cacheDir: string, ...args: string[]): { child: ChildProcess; log: () => string; exited: Promise<number | null> } {
  return startRackplanWith({}, cacheDir, ...args);
}

export function startRackplanWith(env: Record<string, string>, cacheDir: string, ...args: string[]): { child: ChildProcess; log: () => string; exited: Promise<number | null> } {
  const child = spawn(process.execPath, [CLI, ...args, '--cache-dir', cacheDir], { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, ...env } });
  let log = '';
  child.stdout!.on('data', (chunk: Buffer) => (log += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (log += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return { child, log: () => log, exited };
}

/** Polls until `ready()` holds (every 10 ms, up to `timeoutMs`); a timeout shows `logs()`. */
export async function waitFor(ready: () => boolean, timeoutMs: number, what: string, logs: () => string = () => ''): Promise<void> {
  const start = Date.now();
  while (!ready()) {
    if (Date.now() - start > timeoutMs) throw new Error(`timed out waiting for ${what}\n${logs()}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/** Completed runs of an output folder (folders named by a 64-hex hash). */
export function storedRuns(out: string): string[] {
  const runs = join(out, 'runs');
  return existsSync(runs) ? readdirSync(runs).filter((name) => /^[0-9a-f]{64}$/.test(name)) : [];
}

export function readSweep(out: string) {
  return JSON.parse(readFileSync(join(out, 'sweep.json'), 'utf8'));
}
