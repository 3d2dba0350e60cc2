import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { describe, expect, it } from 'vitest';
import { accountIo } from '../../src/simulation/io-replay/io-accounting.js';
import { summarizeRun } from '../../src/metrics/summarize-run.js';
import type { RunInputs } from '../../src/metrics/run-result.js';
import { loadTrace } from '../../src/traces/load-trace.js';
import { tinyDatacenter } from '../helpers/tiny-world.js';
import { ioHostModel, run } from './helpers/io-world.js';

const RND = join(import.meta.dirname, '..', '..', '..', 'shared', 'traces', 'bitbrains-rnd', '2013-8');
const present = existsSync(RND);
if (!present) console.log(`io bitbrains: skipped - ${RND} does not exist (the shared real traces are not installed here)`);

/**
 * Disk and network totals of one GWA-T-12 file, computed from its text alone, in MB/s x ms:
 * fields split on ';' and trimmed; rows repeating the previous timestamp merge by column maximum;
 * rows before the first with CPU cores > 0 are dropped; each row holds until the next, the last
 * for the median step (the lower median, as the reader documents). KB/s values are rounded to
 * float32 first, because the workload stores them so.
 */
function fileTotals(path: string): { disk: number; network: number } {
  const rows: number[][] = [];
  for (const line of readFileSync(path, 'utf8').split('\n').slice(1)) {
    if (line.trim() === '') continue;
    const cells = line.split(';').map((s) => Number(s.trim()));
    const row = [cells[0]! * 1000, cells[1]!, cells[7]!, cells[8]!, cells[9]!, cells[10]!];
    const previous = rows[rows.length - 1];
    if (previous && previous[0] === row[0]) for (let c = 1; c < row.length; c++) previous[c] = Math.max(previous[c]!, row[c]!);
    else rows.push(row);
  }
  const firstWithCores = rows.findIndex((r) => r[1]! > 0);
  const kept = firstWithCores > 0 ? rows.slice(firstWithCores) : rows;
  const steps = kept.slice(1).map((r, i) => r[0]! - kept[i]![0]!).sort((a, b) => a - b);
  const lastStep = steps.length > 0 ? steps[(steps.length - 1) >> 1]! : 300_000;
  let disk = 0;
  let network = 0;
  kept.forEach((r, i) => {
    const dt = (i + 1 < kept.length ? kept[i + 1]![0]! : r[0]! + lastStep) - r[0]!;
    const f = Math.fround;
    disk += ((f(r[2]!) + f(r[3]!)) / 1000) * dt;
    network += ((f(r[4]!) + f(r[5]!)) / 1000) * dt;
  });
  return { disk, network };
}

describe.skipIf(!present)('the real Bitbrains Rnd files (../shared/traces)', () => {
  it('account disk and network totals equal to an independent sum over the CSVs, fast', async () => {
    const workload = (await loadTrace(RND, { cacheDir: null, format: 'bitbrains' })).workload;
    expect(workload.io).not.toBeNull();
    // One host that holds all 25 VMs with bandwidth to spare: every demand is served.
    const dc = tinyDatacenter(ioHostModel('big', 1024, 3000, 4_194_304, 1e6, 1000), 1);
    const record = run(workload, dc);
    const t0 = performance.now();
    const io = accountIo(workload, dc, record);
    const ms = performance.now() - t0;
    const samples = workload.sampleStart[workload.vmCount]!;
    console.log(`io bitbrains: accountIo over ${workload.vmCount} VMs, ${samples} samples in ${ms.toFixed(1)} ms`);
    expect(ms).toBeLessThan(1000);

    let disk = 0;
    let network = 0;
    const files = readdirSync(RND).filter((f) => f.endsWith('.csv'));
    expect(files).toHaveLength(25);
    for (const file of files) {
      const expected = fileTotals(join(RND, file));
      const vm = workload.vmIds.indexOf(file.replace(/\.csv$/, ''));
      expect(Math.abs(io.disk.vmDemandInt[vm]! - expected.disk)).toBeLessThanOrEqual(1e-9 * expected.disk + 1e-6);
      expect(Math.abs(io.network.vmDemandInt[vm]! - expected.network)).toBeLessThanOrEqual(1e-9 * expected.network + 1e-6);
      disk += expected.disk;
      network += expected.network;
    }
    expect(disk).toBeGreaterThan(0);
    expect(network).toBeGreaterThan(0);
    const s = summarizeRun(record, {} as RunInputs, io).summary;
    expect(s.vms.placed).toBe(25);
    expect(s.disk!.demandMBpsHours).toBeCloseTo(disk / 3_600_000, 6);
    expect(s.disk!.servedMBpsHours).toBeCloseTo(disk / 3_600_000, 6);
    expect(s.network!.demandGbpsHours).toBeCloseTo(network / 125 / 3_600_000, 6);
    expect(Math.abs(s.disk!.demandMBpsHours - disk / 3_600_000)).toBeLessThanOrEqual(1e-9 * s.disk!.demandMBpsHours);
    expect(s.disk!.unmetMBpsHours).toBeLessThanOrEqual(1e-9 * s.disk!.demandMBpsHours);
  });
});
