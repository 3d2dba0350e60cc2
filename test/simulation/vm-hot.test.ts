import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Workload } from '../../src/traces/workload.js';
import { Hot, hotField, sampleTime, vmHotRecords } from '../../src/simulation/vm-hot.js';

/** Just what the records are built from: each VM's sample times, in the workload's CSR layout. */
function workloadOf(timesPerVm: number[][]): Workload {
  const sampleStart = new Uint32Array(timesPerVm.length + 1);
  timesPerVm.forEach((times, vm) => (sampleStart[vm + 1] = sampleStart[vm]! + times.length));
  const sampleAtMs = Float64Array.from(timesPerVm.flat());
  const endAtMs = Float64Array.from(timesPerVm, (times) => (times.length > 0 ? times[times.length - 1]! + 1 : 0));
  return { vmCount: timesPerVm.length, sampleStart, sampleAtMs, endAtMs } as unknown as Workload;
}

// Even series (fixed step), uneven ones, fractional ms, duplicates, single samples, none.
const evenTimes = fc
  .record({ first: fc.integer({ min: 0, max: 4e12 }), step: fc.integer({ min: 1, max: 3_600_000 }), count: fc.integer({ min: 0, max: 12 }) })
  .map(({ first, step, count }) => Array.from({ length: count }, (_, i) => first + i * step));
const unevenTimes = fc.array(fc.oneof(fc.integer({ min: 0, max: 1e6 }), fc.double({ min: 0, max: 1e6, noNaN: true })), { maxLength: 12 }).map((t) => t.sort((a, b) => a - b));
const fleets = fc.array(fc.oneof(evenTimes, unevenTimes), { minLength: 1, maxLength: 8 });

describe('per-VM records', () => {
  it('give back every sample time exactly, evenly spaced or not', () => {
    fc.assert(
      fc.property(fleets, (timesPerVm) => {
        const workload = workloadOf(timesPerVm);
        const hot = vmHotRecords(workload, new Float64Array(workload.vmCount));
        for (let vm = 0; vm < workload.vmCount; vm++) {
          for (let k = workload.sampleStart[vm]!; k < workload.sampleStart[vm + 1]!; k++) {
            expect(sampleTime(hot, vm * Hot.Stride, k, workload.sampleAtMs)).toBe(workload.sampleAtMs[k]);
          }
        }
      }),
      { numRuns: 400 },
    );
  });

  it('use the step only for series that are exactly even, and start each VM at its first sample', () => {
    // vm 0: every 300 s; vm 1: one gap of 301 s; vm 2: a single sample; vm 3: fractional ms.
    const workload = workloadOf([[1000, 301_000, 601_000], [0, 300_000, 601_000], [5], [0.5, 1.5, 2.5]]);
    const cap = Float64Array.from([2600, 5200, 100, 7]);
    const hot = vmHotRecords(workload, cap);
    expect(hotField(hot, Hot.StepMs)).toEqual(Float64Array.from([300_000, -1, -1, -1]));
    expect(hotField(hot, Hot.Cursor)).toEqual(Float64Array.from([0, 3, 6, 7]));
    expect(hotField(hot, Hot.SampleEnd)).toEqual(Float64Array.from([3, 6, 7, 10]));
    expect(hotField(hot, Hot.EndAtMs)).toEqual(workload.endAtMs);
    expect(hotField(hot, Hot.CapMhz)).toEqual(cap);
    expect(hotField(hot, Hot.WantScale)).toEqual(Float64Array.from([1, 1, 1, 1]));
  });
});
