import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Whole-command timings of `rackplan` processes: how soon a replay simulates, how long a plan takes. */
export interface CommandBenchmarks {
  /** Median ms from process start to the simulation's start (RACKPLAN_TRACE_STARTUP), as seconds. */
  replayStartSeconds: number;
  /** The same moment in CPU seconds of the process (steadier on a busy machine). */
  replayStartCpuSeconds: number;
  /** Whole `rackplan plan` process of the README's example with --seeds 5. */
  planDefaultSeconds: number;
}

const STARTUP_LINE = /startup: \S+ simulating after ([\d.]+) ms \(([\d.]+) ms CPU\)/;

/**
 * `rackplan replay --scenario default` with RACKPLAN_TRACE_STARTUP=1, `runs` times after one run
 * that fills a fresh cache folder (a user's second replay), and the README's plan example once.
 * Everything goes to a temp folder that is deleted afterwards.
 */
export function commandBenchmarks(cli: string, runs = 5): CommandBenchmarks {
  const dir = mkdtempSync(join(tmpdir(), 'rackplan-bench-cmd-'));
  try {
    const cacheDir = join(dir, 'cache');
    const replay = [cli, 'replay', '--scenario', 'default', '--cache-dir', cacheDir, '--out', join(dir, 'replay')];
    run(replay, {});
    const wall: number[] = [];
    const cpu: number[] = [];
    for (let i = 0; i < runs; i++) {
      const stderr = run(replay, { RACKPLAN_TRACE_STARTUP: '1' });
      const match = STARTUP_LINE.exec(stderr);
      if (!match) throw new Error(`no start-up line in: ${stderr.slice(0, 200)}`);
      wall.push(Number(match[1]) / 1000);
      cpu.push(Number(match[2]) / 1000);
    }
    // The README's plan example (two host models, growth 1 and 1.5), five seeds, cache warm.
    const plan = [cli, 'plan', '--scenario', 'default', '--slo', 'unmetFraction<=0.001', '--host-models', 'dell-poweredge-r740,generic-2s-64c', '--growth', '1,1.5', '--seeds', '5', '--cache-dir', cacheDir, '--out', join(dir, 'plan')];
    const start = performance.now();
    run(plan, {});
    const planDefaultSeconds = (performance.now() - start) / 1000;
    return { replayStartSeconds: median(wall), replayStartCpuSeconds: median(cpu), planDefaultSeconds };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function run(args: string[], env: Record<string, string>): string {
  const result = spawnSync(process.execPath, args, { encoding: 'utf8', env: { ...process.env, ...env } });
  if (result.status !== 0) throw new Error(`${args.slice(1, 2).join(' ')} exited ${result.status}: ${result.stderr.slice(0, 300)}`);
  return result.stderr;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}
