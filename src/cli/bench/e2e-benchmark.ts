import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

/** One end-to-end case: a workload `rackplan synth` generates, replayed by whole processes. */
export interface E2eCase {
  vms: number;
  days: number;
  format: 'bitbrains' | 'csv';
}

export interface E2eResult {
  samples: number;
  /** Bytes of the trace as given to replay (all files of a folder). */
  traceBytes: number;
  /** Bytes of the parsed-trace cache file. */
  cacheBytes: number;
  firstSeconds: number;
  cachedSeconds: number;
  /** Peak RSS of the first and the cached replay process, MiB (0 without /usr/bin/time). */
  firstPeakRssMiB: number;
  cachedPeakRssMiB: number;
}

const TIME = '/usr/bin/time';

/**
 * Generates the case with this build's `rackplan synth` into a temp folder (not timed), then
 * times two whole `rackplan replay` processes of `cli` (this build's main.js, or another build's
 * to compare) writing every output and the report: the first with an empty cache folder, the
 * second with the cache the first wrote. Hosts: one R740 per 15 VMs (about what the workload
 * needs), best fit, idle hosts off. Everything is deleted afterwards.
 */
export function e2eBenchmark(distDir: string, cli: string, c: E2eCase): E2eResult {
  const dir = mkdtempSync(join(tmpdir(), 'rackplan-bench-e2e-'));
  try {
    const trace = join(dir, c.format === 'csv' ? 'trace.csv.gz' : 'trace');
    const synth = [join(distDir, 'cli', 'main.js'), 'synth', '--vms', String(c.vms), '--days', String(c.days), '--seed', '1', '--format', c.format, '--gzip-level', '1', '--out', trace];
    const made = spawnSync(process.execPath, synth, { encoding: 'utf8' });
    if (made.status !== 0) throw new Error(`synth failed: ${made.stderr}`);
    const samples = Number(/(\d+) samples/.exec(made.stderr)?.[1] ?? 0);
    const topology = join(dir, 'topology.json');
    const hosts = Math.ceil(c.vms / 15);
    writeFileSync(topology, JSON.stringify({ id: 'bench', name: `${hosts} x R740`, hypervisor: 'kvm', clusters: [{ id: 'c', racks: [{ id: 'r', hosts: [{ model: 'dell-poweredge-r740', count: hosts }] }] }] }));
    const cacheDir = join(dir, 'cache');
    const replay = (out: string) => [cli, 'replay', '--trace', trace, '--format', c.format, '--topology', topology, '--placement', 'best-fit', '--switch-off-idle', '--cache-dir', cacheDir, '--out', join(dir, out)];
    const first = timed(replay('out-first'));
    const cached = timed(replay('out-cached'));
    const cacheFiles = existsSync(cacheDir) ? readdirSync(cacheDir).filter((name) => name.endsWith('.bin')) : [];
    return {
      samples,
      traceBytes: bytesOf(trace),
      cacheBytes: cacheFiles.reduce((sum, name) => sum + statSync(join(cacheDir, name)).size, 0),
      firstSeconds: first.seconds,
      cachedSeconds: cached.seconds,
      firstPeakRssMiB: first.peakRssMiB,
      cachedPeakRssMiB: cached.peakRssMiB,
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * The classic PlanetLab lr-mmt-1.2 run as a user starts it: a whole `rackplan replay --scenario`
 * process on one day of the shared trace, no cache, writing every output and the report. Best
 * of `repeats` (the machine is shared); null, with the reason printed, when the trace is absent.
 */
export function planetlabProcessBenchmark(cli: string, sharedTraces: string, repeats = 3): { seconds: number; peakRssMiB: number } | null {
  const day = join(sharedTraces, 'planetlab', '20110303');
  if (!existsSync(day)) {
    process.stdout.write(`e2e.planetlabLrMmt: skipped, ${day} is absent\n`);
    return null;
  }
  const scenario = join(dirname(dirname(cli)), '..', 'models', 'scenarios', 'planetlab-lr-mmt-1.2.json');
  const dir = mkdtempSync(join(tmpdir(), 'rackplan-bench-planetlab-'));
  try {
    let best: { seconds: number; peakRssMiB: number } | null = null;
    for (let i = 0; i < repeats; i++) {
      const run = timed([cli, 'replay', '--scenario', scenario, '--trace', day, '--cache-dir', 'none', '--out', join(dir, `out-${i}`)]);
      if (!best || run.seconds < best.seconds) best = run;
    }
    return best;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Wall seconds and peak RSS of one node process (RSS through /usr/bin/time when present). */
function timed(args: string[]): { seconds: number; peakRssMiB: number } {
  const withTime = existsSync(TIME);
  const command = withTime ? TIME : process.execPath;
  const argv = withTime ? ['-f', 'peak-rss-kb %M', process.execPath, ...args] : args;
  const start = performance.now();
  const result = spawnSync(command, argv, { encoding: 'utf8', maxBuffer: 64 << 20 });
  const seconds = (performance.now() - start) / 1000;
  if (result.status !== 0) throw new Error(`${args.slice(0, 2).join(' ')} exited ${result.status}: ${result.stderr}`);
  const kb = Number(/peak-rss-kb (\d+)/.exec(result.stderr)?.[1] ?? 0);
  return { seconds, peakRssMiB: Math.round(kb / 1024) };
}

function bytesOf(path: string): number {
  const info = statSync(path);
  if (!info.isDirectory()) return info.size;
  return readdirSync(path).reduce((sum, name) => sum + statSync(join(path, name)).size, 0);
}
