import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { inspectWorkload } from '../../src/traces/inspect.js';
import { detectTraceReader, loadTrace } from '../../src/traces/load-trace.js';
import { listFiles } from '../../src/traces/trace-files.js';
import type { Workload } from '../../src/traces/workload.js';
import { expectSameWorkload, SHARED_TRACES, tempDir } from './helpers/fixture-tools.js';

/**
 * The real public traces in ../shared/traces (never copied into the repo), checked against the
 * counts in their README. Skipped, with the reason printed, when that folder is absent.
 */
const present = existsSync(join(SHARED_TRACES, 'README.md'));
if (!present) console.log(`real-traces: skipped - ${SHARED_TRACES} does not exist (the shared real traces are not installed here)`);

const trace = (path: string) => join(SHARED_TRACES, path);
const load = async (path: string, format?: string): Promise<Workload> =>
  (await loadTrace(trace(path), { cacheDir: null, ...(format ? { format } : {}) })).workload;
const total = (values: ArrayLike<number>): number => Array.from(values).reduce((a, b) => a + b, 0);
const samplesOf = (w: Workload, vm: number): number => w.sampleStart[vm + 1]! - w.sampleStart[vm]!;
const lastSampleMs = (w: Workload): number => w.sampleAtMs.reduce((a, b) => Math.max(a, b), Number.NEGATIVE_INFINITY);

describe.skipIf(!present)('real traces (../shared/traces)', () => {
  it('bitbrains-rnd 2013-8: 25 VMs, 232,614 rows = 224,014 samples + 8,600 merged duplicates, 101 cores', async () => {
    const w = await load('bitbrains-rnd/2013-8');
    expect(w.format).toBe('bitbrains');
    expect(w.vmIds).toEqual(Array.from({ length: 25 }, (_, i) => String(i + 1)));
    // README: 232,614 rows; 20.csv has 25,673 rows but 17,073 distinct timestamps. Rows sharing a
    // timestamp merge into one sample, so samples = rows - 8,600 and the warning counts the 8,600.
    const duplicates = w.warnings.find((x) => x.code === 'duplicate-timestamp')!.count;
    expect(duplicates).toBe(8600);
    expect(w.sampleStart[25]! + duplicates).toBe(232_614);
    expect(samplesOf(w, 19)).toBe(17_073);
    expect(total(w.cores)).toBe(101);
    expect(Math.min(...w.cores)).toBe(1);
    expect(Math.max(...w.cores)).toBe(32);
    expect(w.originEpochMs).toBe(1_375_308_176_000);
    expect(w.originEpochMs + lastSampleMs(w)).toBe(1_377_899_901_000);
    // Memory is the per-VM maximum; the README's 100.5 GiB sums first samples, which jitter lower.
    expect(total(w.memoryMiB) / 1024).toBeGreaterThan(100.5);
    expect(total(w.memoryMiB) / 1024).toBeLessThan(102);
    expect(w.io).not.toBeNull();
  });

  it('bitbrains-rnd: a second load comes from the cache, equal and much faster', async () => {
    const dir = trace('bitbrains-rnd/2013-8');
    const bytes = (await listFiles(dir)).reduce((sum, file) => sum + statSync(file).size, 0);
    const cacheDir = tempDir('real-cache');
    const t0 = performance.now();
    const cold = await loadTrace(dir, { cacheDir });
    const t1 = performance.now();
    const warm = await loadTrace(dir, { cacheDir });
    const t2 = performance.now();
    console.log(`bitbrains-rnd ${(bytes / 1e6).toFixed(1)} MB: cold ${(t1 - t0).toFixed(0)} ms = ${(bytes / 1e3 / (t1 - t0)).toFixed(1)} MB/s; cached ${(t2 - t1).toFixed(0)} ms = ${(bytes / 1e3 / (t2 - t1)).toFixed(1)} MB/s`);
    expect([cold.cached, warm.cached, cold.detected]).toEqual([false, true, true]);
    expectSameWorkload(warm.workload, cold.workload);
    expect(t2 - t1).toBeLessThan((t1 - t0) / 3);
  });

  it('bitbrains fastStorage single VM: 8,619 rows, 1 core, 2,600 MHz, 2 GiB', async () => {
    const w = await load('bitbrains-faststorage-opendc/single-vm/bitbrains.csv');
    expect(w.vmCount).toBe(1);
    expect(w.sampleStart[1]).toBe(8619);
    expect(w.cores[0]).toBe(1);
    expect(w.cpuCapacityMhz[0]).toBeCloseTo(2600, 0);
    expect(w.memoryMiB[0]).toBe(2048);
  });

  const PLANETLAB: [string, number, number, number, number, number, number][] = [
    ['20110303', 1052, 12.31, 17.09, 2, 6, 15],
    ['20110306', 898, 11.44, 16.83, 2, 5, 13],
    ['20110309', 1061, 10.7, 15.57, 2, 4, 13],
    ['20110322', 1516, 9.26, 12.78, 2, 5, 12],
    ['20110325', 1078, 10.56, 14.14, 2, 6, 14],
    ['20110403', 1463, 12.39, 16.55, 2, 6, 17],
    ['20110409', 1358, 11.12, 15.09, 2, 5, 15],
    ['20110411', 1233, 11.56, 15.07, 2, 6, 16],
    ['20110412', 1054, 11.54, 15.15, 2, 6, 16],
    ['20110420', 1033, 10.43, 15.21, 2, 4, 12],
  ];
  it.each(PLANETLAB)('planetlab %s: %i VMs x 288 values, mean %f percent, stdev %f, quartiles %i/%i/%i', async (day, vms, mean, stdev, q1, median, q3) => {
    const w = await load(`planetlab/${day}`);
    expect(w.format).toBe('planetlab');
    expect(w.vmCount).toBe(vms);
    expect(w.sampleStart[vms]).toBe(vms * 288);
    for (let v = 0; v < vms; v++) expect(w.endAtMs[v]).toBe(288 * 300_000);
    // Demand = type MHz x value / 100 is exact, so the percentages come back exactly.
    const values = new Float64Array(vms * 288);
    for (let v = 0; v < vms; v++) {
      for (let k = w.sampleStart[v]!; k < w.sampleStart[v + 1]!; k++) values[k] = Math.round((w.sampleCpuMhz[k]! / w.cpuCapacityMhz[v]!) * 100);
    }
    const m = total(values) / values.length;
    const sd = Math.sqrt(values.reduce((s, x) => s + (x - m) ** 2, 0) / (values.length - 1));
    const sorted = values.sort();
    const quantile = (p: number) => {
      const h = (sorted.length - 1) * p;
      return sorted[Math.floor(h)]! + (h - Math.floor(h)) * (sorted[Math.ceil(h)]! - sorted[Math.floor(h)]!);
    };
    expect(m).toBeCloseTo(mean, 2);
    expect(sd).toBeCloseTo(stdev, 2);
    expect([quantile(0.25), quantile(0.5), quantile(0.75)]).toEqual([q1, median, q3]);
  });

  it('planetlab: classic CloudSim VM types in name order, names with spaces kept', async () => {
    const w = await load('planetlab/20110303');
    // 1052 VMs, ceil(1052 / 4) = 263 per type.
    expect([w.cpuCapacityMhz[0], w.cpuCapacityMhz[263], w.cpuCapacityMhz[526], w.cpuCapacityMhz[789], w.cpuCapacityMhz[1051]]).toEqual([2500, 2000, 1000, 500, 500]);
    expect([w.memoryMiB[262], w.memoryMiB[263], w.memoryMiB[789]]).toEqual([870, 1740, 613]);
    expect(w.vmIds.some((id) => id.includes(' '))).toBe(true);
  });

  it('swf NASA iPSC/860: 18,239 jobs, span 0 -> 7,949,022 s, 474,238,015 node-seconds', async () => {
    const w = await load('swf/NASA-iPSC-1993-3.1-cln.swf');
    expect(w.vmCount).toBe(18_239);
    let nodeSeconds = 0;
    for (let v = 0; v < w.vmCount; v++) nodeSeconds += (w.cores[v]! * (w.endAtMs[v]! - w.sampleAtMs[w.sampleStart[v]!]!)) / 1000;
    expect(nodeSeconds).toBe(474_238_015);
    expect(w.endAtMs.reduce((a, b) => Math.max(a, b)) / 1000).toBe(7_949_022);
    expect(w.originEpochMs).toBe(749_458_803_000);
    expect(w.warnings.find((x) => x.code === 'zero-runtime')?.count).toBe(173);
  });

  it('alibaba-v2018: 4,034 machines of 96 cores; usage of 16 machines, 100,002 rows, mean CPU 34.8 %', async () => {
    const w = await load('alibaba-v2018');
    expect(w.machines!.ids).toHaveLength(4034);
    expect(Array.from(w.machines!.cores).every((c) => c === 96)).toBe(true);
    expect(w.vmIds).toEqual(Array.from({ length: 16 }, (_, i) => `m_${1932 + i}`));
    expect(w.sampleStart[16]).toBe(100_002);
    expect(w.traceOriginMs).toBe(0);
    expect(lastSampleMs(w)).toBe(691_180_000);
    let percent = 0;
    for (let v = 0; v < w.vmCount; v++) {
      for (let k = w.sampleStart[v]!; k < w.sampleStart[v + 1]!; k++) percent += (w.sampleCpuMhz[k]! / w.cpuCapacityMhz[v]!) * 100;
    }
    expect(percent / 100_002).toBeCloseTo(34.8, 1);
  });

  it('alibaba-gpu-v2023: 1,523 nodes, 125,514 cores, 6,212 GPUs by model; 8,152 pods', async () => {
    const w = await load('alibaba-gpu-v2023');
    const m = w.machines!;
    expect(m.ids).toHaveLength(1523);
    expect(total(m.cores)).toBe(125_514);
    expect(total(m.gpus)).toBe(6212);
    const models: Record<string, number> = {};
    for (const model of m.gpuModels!) models[model || 'none'] = (models[model || 'none'] ?? 0) + 1;
    expect(models).toEqual({ G2: 549, T4: 404, none: 310, P100: 134, V100M16: 55, G3: 39, V100M32: 30, A10: 2 });
    expect(w.vmCount).toBe(8152);
  });

  it('google-2011-2 task_events 00001: 26,231 SCHEDULE runs + runs already going; µs span', async () => {
    const w = await load('google-2011-2');
    const before = w.warnings.find((x) => x.code === 'run-started-before-window')!.count;
    expect(w.vmCount - before).toBe(26_231);
    expect(w.traceOriginMs).toBe(5_611_824);
    expect(w.traceOriginMs! + w.endAtMs.reduce((a, b) => Math.max(a, b))).toBe(10_622_388);
    expect(new Set(w.vmIds.map((id) => id.split('-')[0])).size).toBeLessThanOrEqual(1324);
  });

  it('azure v1 sample: 10 VMs from the vmtable; its 100 readings name other VMs', async () => {
    const w = await load('azure-v1-opendc-sample');
    expect(w.vmCount).toBe(10);
    expect(w.warnings.find((x) => x.code === 'reading-unknown-vm')?.count).toBe(100);
    expect(w.warnings.find((x) => x.code === 'vm-without-readings')?.count).toBe(10);
  });

  it.each(['bitbrains-small', 'workloadTraces-bitbrains-small'])('opendc %s: 50 VMs, 194 cores, 276,979 fragments, 2.0738e11 MHz·s', async (dir) => {
    const w = await load(`bitbrains-faststorage-opendc/${dir}`);
    expect(w.vmCount).toBe(50);
    expect(total(w.cores)).toBe(194);
    const perCores: Record<number, number> = {};
    for (const c of w.cores) perCores[c] = (perCores[c] ?? 0) + 1;
    expect(perCores).toEqual({ 1: 18, 2: 8, 4: 14, 8: 9, 32: 1 });
    expect(total(w.cpuCapacityMhz)).toBeCloseTo(517_157.9, 1);
    expect(w.sampleStart[50]).toBe(276_979);
    expect(w.originEpochMs).toBe(Date.UTC(2013, 7, 12, 13, 35, 46));
    const inspection = inspectWorkload(w);
    expect(inspection.cpu.demandMhzHours * 3600).toBeCloseTo(2.0738e11, -7);
  });

  it('every real trace folder is auto-detected as its format', async () => {
    const expected: Record<string, string> = {
      'bitbrains-rnd/2013-8': 'bitbrains',
      'bitbrains-faststorage-opendc/single-vm/bitbrains.csv': 'bitbrains',
      'bitbrains-faststorage-opendc/bitbrains-small': 'opendc',
      'bitbrains-faststorage-opendc/workloadTraces-bitbrains-small': 'opendc',
      'planetlab/20110303': 'planetlab',
      'swf/NASA-iPSC-1993-3.1-cln.swf': 'swf',
      'alibaba-v2018': 'alibaba-2018',
      'alibaba-gpu-v2023': 'alibaba-gpu-2023',
      'google-2011-2': 'google-2011',
      'azure-v1-opendc-sample': 'azure',
    };
    for (const [path, format] of Object.entries(expected)) expect((await detectTraceReader(trace(path))).format, path).toBe(format);
  });
});
