import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

export interface StartupBenchmark {
  nodeSeconds: number;
  versionSeconds: number;
}

/** Median wall time of `runs` whole processes of `args` (node with those arguments). */
function medianSeconds(args: string[], runs: number): number {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    const result = spawnSync(process.execPath, args, { stdio: 'ignore' });
    if (result.status !== 0) throw new Error(`node ${args.join(' ')} exited ${result.status}`);
    times.push((performance.now() - start) / 1000);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)]!;
}

/** `rackplan --version` against a bare `node -e 0`, same machine, same moment. */
export function startupBenchmark(distDir: string, runs = 7): StartupBenchmark {
  return {
    nodeSeconds: medianSeconds(['-e', '0'], runs),
    versionSeconds: medianSeconds([join(distDir, 'cli', 'main.js'), '--version'], runs),
  };
}
