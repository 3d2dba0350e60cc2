import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeFileAtomic } from '../../common/atomic-write.js';
import { stableStringify } from '../../common/stable-json.js';
import { summarizeRun } from '../../metrics/summarize-run.js';
import type { RunInputs } from '../../metrics/run-result.js';
import { loadCatalog } from '../../model/catalog.js';
import { buildDatacenter, uniformTopology } from '../../model/datacenter.js';
import { loadTrace } from '../../traces/load-trace.js';
import { synthesizeWorkload } from '../../traces/synthetic-workload.js';
import { sampleCount } from '../../traces/workload.js';
import { writeGenericCsv } from '../../traces/write-generic-csv.js';
import { e2eBenchmark, planetlabProcessBenchmark, type E2eCase } from './e2e-benchmark.js';
import { holdBenchmark } from './hold-benchmark.js';
import { startupBenchmark } from './startup-benchmark.js';
import { sweepBenchmark } from './sweep-benchmark.js';
import { commandBenchmarks } from './command-benchmarks.js';
import { planetlabBenchmark } from './planetlab-benchmark.js';
import { benchReplay } from './replay-benchmark.js';

/** `npm run bench`: prints a table and writes reports/bench/bench.json. Never part of npm test. */
async function main(): Promise<void> {
  const results: Record<string, number> = {};
  const startup = startupBenchmark(join(import.meta.dirname, '..', '..'));
  results['cli.nodeSeconds'] = round(startup.nodeSeconds, 3);
  results['cli.versionSeconds'] = round(startup.versionSeconds, 3);
  // How soon `rackplan replay` of the default scenario simulates, and the README's plan with 5 seeds.
  const commands = commandBenchmarks(join(import.meta.dirname, '..', 'main.js'));
  results['cli.replayStartSeconds'] = round(commands.replayStartSeconds, 3);
  results['cli.replayStartCpuSeconds'] = round(commands.replayStartCpuSeconds, 3);
  results['plan.defaultSeconds'] = round(commands.planDefaultSeconds, 2);
  const hold = holdBenchmark(100_000, 3_000_000, 1);
  results['hold.eventsPerSec'] = Math.round(hold.eventsPerSec);

  // (b) 1,250 VMs x 30 days at 300 s = 10.8 M samples on 300 hosts, placement + sharing + energy.
  const workload = synthesizeWorkload({ vms: 1250, days: 30, seed: 1 });
  const dc = buildDatacenter(uniformTopology('dell-poweredge-r740', 300, 'kvm'), loadCatalog(), 'bench');
  const start = performance.now();
  const record = benchReplay(workload, dc);
  const simSeconds = (performance.now() - start) / 1000;
  const summary = summarizeRun(record, {} as RunInputs).summary;
  results['replay.samples'] = sampleCount(workload);
  results['replay.simSeconds'] = round(simSeconds, 3);
  results['replay.samplesPerSec'] = Math.round(sampleCount(workload) / simSeconds);
  results['replay.peakRssMiB'] = Math.round(process.resourceUsage().maxRSS / 1024);
  results['replay.activeHostsMean'] = round(summary.hosts.activeMean, 2);

  // (c) trace loading: 1,250 VMs x 3 days in the generic csv format, parsed cold, then from the cache.
  const dir = mkdtempSync(join(tmpdir(), 'rackplan-bench-'));
  try {
    const csv = join(dir, 'bench.csv');
    writeGenericCsv(synthesizeWorkload({ vms: 1250, days: 3, seed: 2 }), csv);
    const megabytes = statSync(csv).size / 1e6;
    const cacheDir = join(dir, 'cache');
    let t = performance.now();
    await loadTrace(csv, { format: 'csv', cacheDir });
    results['load.csvMBPerSec'] = round(megabytes / ((performance.now() - t) / 1000), 1);
    t = performance.now();
    const cached = await loadTrace(csv, { format: 'csv', cacheDir });
    results['load.cachedMBPerSec'] = round(megabytes / ((performance.now() - t) / 1000), 1);
    if (!cached.cached) throw new Error('second load did not come from the cache');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }

  const planetlab = await planetlabBenchmark(join(process.cwd(), '..', 'shared', 'traces'), join(tmpdir(), 'rackplan-bench-cache'));
  if (planetlab) {
    results['planetlab.lrMmtSeconds'] = round(planetlab.seconds, 3);
    results['planetlab.lrMmtMigrations'] = planetlab.migrations;
    results['planetlab.lrMmtEnergyKWh'] = round(planetlab.energyKWh, 2);
  }
  // The same run in the CloudSim 3.0.3 compatibility mode (docs/validation.md).
  const compat = await planetlabBenchmark(join(process.cwd(), '..', 'shared', 'traces'), join(tmpdir(), 'rackplan-bench-cache'), 'cloudsim/planetlab-lr-mmt-1.2.json');
  if (compat) {
    results['planetlab.lrMmtCompatSeconds'] = round(compat.seconds, 3);
    results['planetlab.lrMmtCompatMigrations'] = compat.migrations;
    results['planetlab.lrMmtCompatEnergyKWh'] = round(compat.energyKWh, 2);
  }

  // (e) whole `rackplan replay` processes on generated workloads, first run and cached.
  const distDir = join(import.meta.dirname, '..', '..');
  const cli = process.env.RACKPLAN_BENCH_CLI ?? join(distDir, 'cli', 'main.js');
  const cases: [string, E2eCase][] = [
    ['e2e.bitbrains500x30', { vms: 500, days: 30, format: 'bitbrains' }],
    ['e2e.vms10k', { vms: 10_000, days: 7, format: 'csv' }],
  ];
  // Minutes and several GB: only when asked.
  if (process.env.RACKPLAN_BENCH_BIG === '1') cases.push(['e2e.vms100k', { vms: 100_000, days: 7, format: 'csv' }]);
  else process.stdout.write('e2e.vms100k: skipped, set RACKPLAN_BENCH_BIG=1 to run it (minutes, up to 8 GB)\n');
  for (const [key, c] of cases) {
    const e2e = e2eBenchmark(distDir, cli, c);
    results[`${key}.firstSeconds`] = round(e2e.firstSeconds, 2);
    results[`${key}.cachedSeconds`] = round(e2e.cachedSeconds, 2);
    results[`${key}.firstPeakRssMiB`] = e2e.firstPeakRssMiB;
    results[`${key}.cachedPeakRssMiB`] = e2e.cachedPeakRssMiB;
    results[`${key}.samples`] = e2e.samples;
    results[`${key}.traceMB`] = round(e2e.traceBytes / 1e6, 1);
    results[`${key}.cacheBytesPerSample`] = e2e.samples > 0 ? round(e2e.cacheBytes / e2e.samples, 2) : 0;
  }

  const planetlabProcess = planetlabProcessBenchmark(cli, join(process.cwd(), '..', 'shared', 'traces'));
  if (planetlabProcess) {
    results['e2e.planetlabLrMmt.seconds'] = round(planetlabProcess.seconds, 2);
    results['e2e.planetlabLrMmt.peakRssMiB'] = planetlabProcess.peakRssMiB;
  }

  // (d) a 16-run sweep with 1 local worker, then 2 (expected >= 1.7 on two idle cores).
  const sweep = await sweepBenchmark();
  results['sweep.seconds1'] = round(sweep.seconds1, 2);
  results['sweep.seconds2'] = round(sweep.seconds2, 2);
  results['sweep.speedup2'] = round(sweep.speedup2, 2);
  results['sweep.cpuSpeedup2'] = round(sweep.cpuSpeedup2, 2);
  results['sweep.cpuSeconds1'] = round(sweep.cpuSeconds1, 2);
  results['sweep.cpuSeconds2'] = round(sweep.cpuSeconds2, 2);

  const width = Math.max(...Object.keys(results).map((k) => k.length));
  for (const [key, value] of Object.entries(results)) process.stdout.write(`${key.padEnd(width)}  ${value.toLocaleString('en-US')}\n`);
  writeFileAtomic(join('reports', 'bench', 'bench.json'), stableStringify(results));
  process.stdout.write('written: reports/bench/bench.json\n');
}

function round(x: number, digits: number): number {
  const f = 10 ** digits;
  return Math.round(x * f) / f;
}

await main();
