import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { Worker } from 'node:worker_threads';
import { join } from 'node:path';
import { BUILTIN_MODELS_DIR, loadCatalog } from '../../model/catalog.js';
import { renderSweepReport } from '../../report/sweep-report.js';
import { loadSharedWorkloads } from '../../scenario/shared-workloads.js';
import { localBackend, openSweep, runSweep, SWEEP_FILES } from '../../sweep/run-sweep.js';
import { createSweepExecutor } from '../../sweep/sweep-pool.js';
import { loadTrace } from '../../traces/load-trace.js';
import { synthesizeWorkload } from '../../traces/synthetic-workload.js';
import { writeGenericCsv } from '../../traces/write-generic-csv.js';

export interface SweepBenchmark {
  runs: number;
  seconds1: number;
  seconds2: number;
  /** Wall time with 1 local worker / with 2. */
  speedup2: number;
  /**
   * The same ratio for a pure CPU loop on 1 and 2 threads, measured just before: what this
   * machine allows right now (2 on two idle cores, less when others share them).
   */
  cpuSpeedup2: number;
  /**
   * CPU seconds of the whole process (every thread) for the sweep with 1 worker and with 2:
   * steadier than wall time on a shared machine; the difference is what two threads cost extra.
   */
  cpuSeconds1: number;
  cpuSeconds2: number;
}

/**
 * A 16-run sweep (4 placement policies x 4 VM selections, consolidation on) of 300 synthetic
 * VMs over 7 days on 40 hosts, run to completion with 1 local worker (in this thread) and with 2
 * worker threads, each into a fresh output folder with the parsed-trace cache warm. Both must
 * give the same sweep results.
 */
export async function sweepBenchmark(): Promise<SweepBenchmark> {
  const dir = mkdtempSync(join(tmpdir(), 'rackplan-bench-sweep-'));
  try {
    const cacheDir = join(dir, 'cache');
    const trace = join(dir, 'trace.csv');
    writeGenericCsv(synthesizeWorkload({ vms: 300, days: 7, seed: 3 }), trace);
    await loadTrace(trace, { format: 'csv', cacheDir });
    const sweepFile = writeBenchSweep(dir, trace);
    const cpuSpeedup2 = await spinSeconds(1) * 2 / (await spinSeconds(2));
    const seconds: number[] = [];
    const cpuSeconds: number[] = [];
    const results: string[] = [];
    for (const workers of [1, 2]) {
      const out = join(dir, `out-${workers}`);
      const plan = openSweep(sweepFile, out, loadCatalog());
      const start = performance.now();
      const cpuStart = process.cpuUsage();
      const backend = localBackend(out, async (runs) => {
        const workloads = await loadSharedWorkloads(runs.map((run) => run.scenario), cacheDir);
        return createSweepExecutor({ threads: workers === 1 ? 0 : workers, catalogDir: BUILTIN_MODELS_DIR, cacheDir, workloads });
      });
      await runSweep(plan, out, backend, renderSweepReport);
      seconds.push((performance.now() - start) / 1000);
      const cpu = process.cpuUsage(cpuStart);
      cpuSeconds.push((cpu.user + cpu.system) / 1e6);
      results.push(readFileSync(join(out, SWEEP_FILES.result), 'utf8'));
    }
    if (results[0] !== results[1]) throw new Error('sweep benchmark: 1 and 2 workers gave different results');
    return { runs: 16, seconds1: seconds[0]!, seconds2: seconds[1]!, speedup2: seconds[0]! / seconds[1]!, cpuSpeedup2, cpuSeconds1: cpuSeconds[0]!, cpuSeconds2: cpuSeconds[1]! };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function writeBenchSweep(dir: string, trace: string): string {
  const topology = join(dir, 'topology.json');
  writeFileSync(topology, JSON.stringify({ id: 'bench', name: 'bench', hypervisor: 'kvm', clusters: [{ id: 'c', racks: [{ id: 'r', hosts: [{ model: 'dell-poweredge-r740', count: 40 }] }] }] }));
  const scenario = join(dir, 'scenario.json');
  writeFileSync(
    scenario,
    JSON.stringify({
      name: 'bench-sweep',
      trace: { path: trace, format: 'csv' },
      topology,
      power: { switchOffIdle: true },
      consolidation: { overload: 'thr', safety: 0.8 },
    }),
  );
  const file = join(dir, 'sweep.json');
  const parameters = { 'placement.policy': ['best-fit', 'worst-fit', 'first-fit', 'balanced'], 'consolidation.selection': ['mmt', 'mc', 'mu', 'rs'] };
  writeFileSync(file, JSON.stringify({ name: 'bench', scenario, parameters }));
  return file;
}

const SPIN = `let x = 0; for (let i = 0; i < 3e8; i++) x += i % 7; require('node:worker_threads').parentPort.postMessage(x);`;

/** Wall seconds for `threads` threads to each run the same CPU-bound loop. */
async function spinSeconds(threads: number): Promise<number> {
  const start = performance.now();
  await Promise.all(
    Array.from({ length: threads }, () =>
      new Promise<void>((resolve, reject) => {
        const worker = new Worker(SPIN, { eval: true });
        worker.once('message', () => void worker.terminate().then(() => resolve()));
        worker.once('error', reject);
      }),
    ),
  );
  return (performance.now() - start) / 1000;
}
