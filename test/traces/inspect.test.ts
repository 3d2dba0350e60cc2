import { join } from 'node:path';
import { Command } from 'commander';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { registerTraceCommand } from '../../src/cli/trace-command.js';
import { InputError } from '../../src/common/input-error.js';
import { inspectWorkload } from '../../src/traces/inspect.js';
import { isoUtc } from '../../src/traces/inspection-table.js';
import { WorkloadBuilder } from '../../src/traces/workload-builder.js';
import { FIXTURES } from './helpers/fixture-tools.js';

const T0 = 1_000_000_000_000;

/**
 * a: 2 cores, 2000 MHz, 1024 MiB; 1000 MHz for [0, 300) s, 2000 MHz for [300, 600) s.
 * b: 1 core, 1000 MHz, 512 MiB; 500 MHz [300, 600), 500 [600, 1500), 250 [1500, 1800).
 * c: nothing provisioned, no samples.
 */
function handMade() {
  const b = new WorkloadBuilder({ format: 'test', sources: ['x'], defaultIntervalMs: 300_000 });
  const a = b.addVm('a', { cores: 2, cpuCapacityMhz: 2000, memoryMiB: 1024 });
  const v = b.addVm('b', { cores: 1, cpuCapacityMhz: 1000, memoryMiB: 512 });
  b.addVm('c', { cores: 0, cpuCapacityMhz: 0, memoryMiB: 0 });
  b.addSample(a, T0, 1000, 512);
  b.addSample(a, T0 + 300_000, 2000, 1024);
  b.setEnd(a, T0 + 600_000);
  b.addSample(v, T0 + 300_000, 500, 256);
  b.addSample(v, T0 + 600_000, 500, 256);
  b.addSample(v, T0 + 1_500_000, 250, 128);
  b.setEnd(v, T0 + 1_800_000);
  b.warn('duplicate-timestamp', 'rows merged by a documented rule', 4);
  return b.build();
}

describe('inspectWorkload', () => {
  const i = inspectWorkload(handMade());

  it('counts entities, samples and the epoch span', () => {
    expect([i.entities, i.hosts, i.samples, i.sourceFiles]).toEqual([3, 0, 5, 1]);
    expect([i.epoch, i.startSeconds, i.endSeconds, i.spanSeconds]).toEqual([true, 1e9, 1e9 + 1800, 1800]);
  });

  it('takes the median step as the interval and flags steps over twice it', () => {
    // Steps: a 300; b 300, 900 -> median 300 s; 900 > 600 is one gap.
    expect(i.samplingIntervalSeconds).toBe(300);
    expect(i.gaps).toEqual({ thresholdSeconds: 600, count: 1, longestSeconds: 900 });
  });

  it('integrates demand and finds the peak of the summed demand', () => {
    // a: 1000 x 300 + 2000 x 300 = 900 000; b: 500 x 300 + 500 x 900 + 250 x 300 = 675 000 MHz·s
    // => 1 575 000 MHz·s = 437.5 MHz·h. Peak [300, 600): 2000 + 500 = 2500 MHz; memory 1024 + 256.
    expect(i.cpu).toEqual({ provisionedCores: 3, provisionedMhz: 3000, demandMhzHours: 437.5, peakDemandMhz: 2500, peakAtSeconds: 1e9 + 300, meanUtilization: 0.583333 });
    // Capacity x time: 2000 x 600 + 1000 x 1500 = 2 700 000 -> 1 575 000 / 2 700 000.
    // Memory: a 512 x 300 + 1024 x 300 = 460 800; b 256 x 1200 + 128 x 300 = 345 600 MiB·s => 224 MiB·h.
    expect(i.memory).toEqual({ provisionedMiB: 1536, demandMiBHours: 224, peakDemandMiB: 1280, peakAtSeconds: 1e9 + 300 });
  });

  it('gives size and per-entity utilization quantiles', () => {
    expect(i.sizes.cores).toEqual({ min: 0, p25: 0.5, median: 1, p75: 1.5, p95: 1.9, max: 2 });
    // a: 900 000 / (2000 x 600) = 0.75; b: 675 000 / (1000 x 1500) = 0.45; c has no time.
    expect(i.meanUtilization).toEqual({ min: 0.45, p25: 0.525, median: 0.6, p75: 0.675, p95: 0.735, max: 0.75 });
  });

  it('reports anomalies and warnings', () => {
    expect(i.anomalies).toEqual({ duplicateTimestamps: 4, zeroCoreEntities: 1, zeroMemoryEntities: 1, entitiesWithoutSamples: 1, zeroDurationEntities: 1, samplesAboveCapacity: 0 });
    expect(i.warnings).toEqual([{ code: 'duplicate-timestamp', count: 4, message: 'rows merged by a documented rule' }]);
  });
});

describe('isoUtc', () => {
  it.each([
    [0, '1970-01-01T00:00:00Z'],
    [1375308176, '2013-07-31T22:02:56Z'],
    [951782400, '2000-02-29T00:00:00Z'],
    [4102444799, '2099-12-31T23:59:59Z'],
  ])('%i -> %s', (seconds, iso) => expect(isoUtc(seconds)).toBe(iso));
});

describe('rackplan trace inspect', () => {
  afterEach(() => vi.restoreAllMocks());

  const run = async (...args: string[]): Promise<string> => {
    let out = '';
    vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
      out += String(chunk);
      return true;
    });
    const program = new Command('rackplan').exitOverride();
    registerTraceCommand(program);
    await program.parseAsync(['trace', 'inspect', ...args], { from: 'user' });
    return out;
  };

  it('prints stable JSON with the required keys', async () => {
    const first = await run(join(FIXTURES, 'swf/tiny.swf'), '--json', '--cache-dir', 'none');
    const json = JSON.parse(first);
    expect(json).toMatchObject({ format: 'swf', entities: 3, hosts: 0, samples: 3, startSeconds: 1e9, endSeconds: 1e9 + 100 });
    expect(Object.keys(json)).toEqual([...Object.keys(json)].sort());
    expect(await run(join(FIXTURES, 'swf/tiny.swf'), '--json', '--cache-dir', 'none')).toBe(first);
  });

  it('prints an aligned table, honouring --format', async () => {
    const out = await run(join(FIXTURES, 'alibaba-gpu-2023'), '--format', 'alibaba-gpu-2023', '--cache-dir', 'none');
    const lines = out.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^format\s+alibaba-gpu-2023$/);
    expect(out).toMatch(/\nhosts described\s+2\n/);
    const column = lines[0]!.indexOf('alibaba-gpu-2023');
    for (const line of lines) expect(line[column - 1], line).toBe(' ');
  });

  it('lets an InputError propagate for the main program to print', async () => {
    await expect(run('/nonexistent/trace', '--cache-dir', 'none')).rejects.toBeInstanceOf(InputError);
    await expect(run(join(FIXTURES, 'swf/tiny.swf'), '--format', 'nope', '--cache-dir', 'none')).rejects.toThrow(/valid formats/);
  });
});
