import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { RandomStream } from '../../src/engine/random.js';
import { replicate, scaleDemand } from '../../src/traces/workload-growth.js';
import { sampleCount } from '../../src/traces/workload.js';
import { tinyWorkload } from '../helpers/tiny-world.js';

/** 10 VMs, 4 samples each 300 s apart, VM i using 100 x (i + 1) MHz and 512 MiB, all ending at 1200 s. */
const base = tinyWorkload(
  Array.from({ length: 10 }, (_, i) => ({
    id: `vm${i}`,
    cpuCapacityMhz: 2000,
    memoryMiB: 1024,
    samples: [0, 300, 600, 900].map((t) => [t, 100 * (i + 1), 512] as [number, number, number]),
    endSeconds: 1200,
  })),
);

describe('scaleDemand', () => {
  it('multiplies every CPU and memory sample, keeping sizes, times and ids', () => {
    const grown = scaleDemand(base, 1.5);
    expect(Array.from(grown.sampleCpuMhz)).toEqual(Array.from(base.sampleCpuMhz, (v) => Math.fround(v * 1.5)));
    expect(Array.from(grown.sampleMemoryMiB)).toEqual(Array.from(base.sampleMemoryMiB, () => 768));
    expect(grown.cpuCapacityMhz).toEqual(base.cpuCapacityMhz);
    expect(grown.sampleAtMs).toBe(base.sampleAtMs);
    expect(grown.vmIds).toEqual(base.vmIds);
    expect(scaleDemand(base, 1)).toBe(base);
    expect(() => scaleDemand(base, 0)).toThrow(/growth factor must be a number > 0/);
  });
});

describe('replicate', () => {
  it('makes floor(factor) copies plus a seeded fraction: 10 VMs x 2.3 = 23 VMs', () => {
    const grown = replicate(base, 2.3, new RandomStream(1));
    expect(grown.vmCount).toBe(23);
    expect(grown.vmIds.slice(0, 10)).toEqual(base.vmIds);
    expect(grown.vmIds.slice(10, 20)).toEqual(base.vmIds.map((id) => `${id}-r1`));
    expect(grown.vmIds.slice(20).every((id) => /^vm\d-r2$/.test(id))).toBe(true);
    expect(new Set(grown.vmIds).size).toBe(23);
  });

  it('leaves the originals untouched and shifts each copy by a seeded jitter, cut at the trace end', () => {
    const grown = replicate(base, 2, new RandomStream(7), { maxJitterMs: 300_000 });
    for (let v = 0; v < 10; v++) {
      const k = grown.sampleStart[v]!;
      expect(Array.from(grown.sampleAtMs.subarray(k, k + 4))).toEqual([0, 300_000, 600_000, 900_000]);
      expect(grown.endAtMs[v]).toBe(1_200_000);
    }
    for (let v = 10; v < 20; v++) {
      const k = grown.sampleStart[v]!;
      const shift = grown.sampleAtMs[k]!;
      expect(Number.isInteger(shift) && shift >= 0 && shift < 300_000).toBe(true);
      expect(grown.sampleAtMs[k + 1]! - shift).toBe(300_000);
      expect(grown.endAtMs[v]).toBe(1_200_000);
      expect(grown.sampleCpuMhz[k]).toBe(base.sampleCpuMhz[base.sampleStart[v - 10]!]);
    }
    expect(sampleCount(grown)).toBe(80);
  });

  it('drops samples that a jitter pushes past the end of the trace', () => {
    // Jitter of up to 1000 s: a copy shifted by s > 300 s loses its sample at 900 + s >= 1200 s.
    const grown = replicate(base, 2, new RandomStream(3), { maxJitterMs: 1_000_000 });
    for (let v = 10; v < 20; v++) {
      const first = grown.sampleStart[v]!;
      const count = grown.sampleStart[v + 1]! - first;
      const shift = grown.sampleAtMs[first]!;
      expect(count).toBe([0, 300_000, 600_000, 900_000].filter((t) => t + shift < 1_200_000).length);
    }
  });

  it('is deterministic per seed and keeps the exact VM count for any factor', () => {
    fc.assert(
      fc.property(fc.double({ min: 0.05, max: 4, noNaN: true }), fc.integer({ min: 0, max: 1000 }), (factor, seed) => {
        const a = replicate(base, factor, new RandomStream(seed));
        const b = replicate(base, factor, new RandomStream(seed));
        expect(a.vmCount).toBe(Math.floor(factor) * 10 + Math.round((factor - Math.floor(factor)) * 10));
        expect(b.vmIds).toEqual(a.vmIds);
        expect(b.sampleAtMs).toEqual(a.sampleAtMs);
      }),
      { numRuns: 50 },
    );
  });
});
