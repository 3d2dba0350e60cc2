import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { peakDemand } from '../../src/traces/peak-demand.js';
import { quantileInPlace, quantileOfSorted } from '../../src/traces/quantiles.js';
import { WorkloadBuilder } from '../../src/traces/workload-builder.js';
import type { Workload } from '../../src/traces/workload.js';

/** Naive reference: the summed demand evaluated at every change time, first maximum wins. */
function naivePeak(w: Workload): { cpuMhz: number; cpuAtMs: number } {
  const times = new Set<number>();
  for (let v = 0; v < w.vmCount; v++) {
    for (let k = w.sampleStart[v]!; k < w.sampleStart[v + 1]!; k++) times.add(w.sampleAtMs[k]!);
    times.add(w.endAtMs[v]!);
  }
  let best = { cpuMhz: 0, cpuAtMs: 0 };
  for (const t of [...times].sort((a, b) => a - b)) {
    let total = 0;
    for (let v = 0; v < w.vmCount; v++) {
      for (let k = w.sampleStart[v]!; k < w.sampleStart[v + 1]!; k++) {
        const end = k + 1 < w.sampleStart[v + 1]! ? w.sampleAtMs[k + 1]! : w.endAtMs[v]!;
        if (w.sampleAtMs[k]! <= t && t < end) total += w.sampleCpuMhz[k]!;
      }
    }
    if (total > best.cpuMhz + 1e-6) best = { cpuMhz: total, cpuAtMs: t };
  }
  return best;
}

const workload = fc.array(
  fc.record({
    steps: fc.array(fc.tuple(fc.integer({ min: 1, max: 50 }), fc.integer({ min: 0, max: 1000 })), { minLength: 0, maxLength: 8 }),
    start: fc.integer({ min: 0, max: 100 }),
    tail: fc.integer({ min: 0, max: 60 }),
  }),
  { minLength: 1, maxLength: 6 },
).map((vms) => {
  const b = new WorkloadBuilder({ format: 'test', sources: [], defaultIntervalMs: 10 });
  for (const [i, vm] of vms.entries()) {
    const v = b.addVm(`vm${i}`, { cores: 1, cpuCapacityMhz: 1000, memoryMiB: 1 });
    let t = vm.start;
    for (const [step, cpu] of vm.steps) {
      b.addSample(v, t, cpu, 1);
      t += step;
    }
    if (vm.steps.length > 0) b.setEnd(v, t - vm.steps[vm.steps.length - 1]![0] + vm.tail);
  }
  return b.build();
});

describe('peakDemand', () => {
  it('matches the naive sweep over every change time (property)', () => {
    fc.assert(fc.property(workload, (w) => {
      const fast = peakDemand(w);
      const slow = naivePeak(w);
      expect(fast.cpuMhz).toBeCloseTo(slow.cpuMhz, 6);
      if (slow.cpuMhz > 0) expect(fast.cpuAtMs).toBe(slow.cpuAtMs);
    }), { numRuns: 500 });
  });
});

describe('quantileInPlace', () => {
  it('equals the type-7 quantile of the sorted values (property)', () => {
    const values = fc.array(fc.integer({ min: -20, max: 20 }), { minLength: 1, maxLength: 60 });
    fc.assert(fc.property(values, fc.double({ min: 0, max: 1, noNaN: true }), (xs, p) => {
      const sorted = Float64Array.from(xs).sort();
      expect(quantileInPlace(Float64Array.from(xs), p)).toBeCloseTo(quantileOfSorted(sorted, p), 9);
    }), { numRuns: 2000 });
  });
});
