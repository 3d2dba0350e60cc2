import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { WorkloadBuilder } from '../../src/traces/workload-builder.js';

interface Sample { vm: number; at: number; cpu: number; mem: number }

/** Naive reference: group by VM in insertion order, shift by the earliest time, median-step ends. */
function reference(vmCount: number, samples: Sample[], defaultIntervalMs: number) {
  const origin = samples.length ? Math.min(...samples.map((s) => s.at)) : 0;
  const perVm = Array.from({ length: vmCount }, (_, v) => samples.filter((s) => s.vm === v));
  const ends = perVm.map((list) => {
    if (list.length === 0) return 0;
    if (list.length === 1) return list[0]!.at - origin + defaultIntervalMs;
    const steps = list.slice(1).map((s, i) => s.at - list[i]!.at).sort((a, b) => a - b);
    return list[list.length - 1]!.at - origin + steps[(steps.length - 1) >> 1]!;
  });
  const flat = perVm.flat();
  return {
    originEpochMs: origin,
    sampleAtMs: flat.map((s) => s.at - origin),
    sampleCpuMhz: flat.map((s) => Math.fround(s.cpu)),
    sampleMemoryMiB: flat.map((s) => Math.fround(s.mem)),
    endAtMs: ends,
    counts: perVm.map((list) => list.length),
  };
}

/** Per-VM strictly increasing times, interleaved in a random order. */
const scenario = fc.integer({ min: 1, max: 6 }).chain((vmCount) =>
  fc.tuple(
    fc.constant(vmCount),
    fc.array(fc.tuple(fc.integer({ min: 0, max: vmCount - 1 }), fc.integer({ min: 1, max: 10_000 }), fc.float({ min: 0, max: 1e5, noNaN: true }), fc.float({ min: 0, max: 1e5, noNaN: true })), { maxLength: 60 }),
  ),
);

describe('WorkloadBuilder', () => {
  it('builds the same CSR layout as the naive reference for any interleaving (property)', () => {
    fc.assert(fc.property(scenario, ([vmCount, raw]) => {
      const clock = new Array<number>(vmCount).fill(1_000_000);
      const samples: Sample[] = raw.map(([vm, step, cpu, mem]) => ({ vm, at: (clock[vm] = clock[vm]! + step), cpu, mem }));
      const builder = new WorkloadBuilder({ format: 'test', sources: [], defaultIntervalMs: 300_000, sampleCapacityHint: 4 });
      for (let v = 0; v < vmCount; v++) builder.addVm(`vm${v}`, { cores: 1, cpuCapacityMhz: 1000, memoryMiB: 512 });
      for (const s of samples) builder.addSample(s.vm, s.at, s.cpu, s.mem);
      const w = builder.build();
      const ref = reference(vmCount, samples, 300_000);
      expect(w.originEpochMs).toBe(samples.length ? ref.originEpochMs : 0);
      expect(Array.from(w.sampleAtMs)).toEqual(ref.sampleAtMs);
      expect(Array.from(w.sampleCpuMhz)).toEqual(ref.sampleCpuMhz);
      expect(Array.from(w.sampleMemoryMiB)).toEqual(ref.sampleMemoryMiB);
      expect(Array.from(w.endAtMs)).toEqual(ref.endAtMs);
      for (let v = 0; v < vmCount; v++) expect(w.sampleStart[v + 1]! - w.sampleStart[v]!).toBe(ref.counts[v]);
    }), { numRuns: 300 });
  });

  it('keeps relative times and an epoch of 0 for traces without an epoch', () => {
    const builder = new WorkloadBuilder({ format: 'test', sources: [], defaultIntervalMs: 1000, epoch: false });
    const vm = builder.addVm('a', { cores: 1, cpuCapacityMhz: 1, memoryMiB: 1 });
    builder.addSample(vm, 5000, 1, 1);
    builder.addSample(vm, 7000, 1, 1);
    const w = builder.build();
    expect([w.originEpochMs, w.traceOriginMs, ...w.sampleAtMs, w.endAtMs[0]]).toEqual([0, 5000, 0, 2000, 4000]);
  });

  it('keeps I/O columns per sample, through the permutation too', () => {
    const builder = new WorkloadBuilder({ format: 'test', sources: [], defaultIntervalMs: 1000, withIo: true });
    const a = builder.addVm('a', { cores: 1, cpuCapacityMhz: 1, memoryMiB: 1 });
    const b = builder.addVm('b', { cores: 1, cpuCapacityMhz: 1, memoryMiB: 1 });
    builder.addSampleIo(b, 0, 1, 1, 10, 11, 12, 13);
    builder.addSample(a, 0, 1, 1, { diskReadKBps: 1, diskWriteKBps: 2, netRxKBps: 3, netTxKBps: 4 });
    const w = builder.build();
    expect(Array.from(w.io!.diskReadKBps)).toEqual([1, 10]);
    expect(Array.from(w.io!.netTxKBps)).toEqual([4, 13]);
  });

  it('refuses non-increasing times for a VM (a reader bug, not an input error)', () => {
    const builder = new WorkloadBuilder({ format: 'test', sources: [], defaultIntervalMs: 1000 });
    const vm = builder.addVm('a', { cores: 1, cpuCapacityMhz: 1, memoryMiB: 1 });
    builder.addSample(vm, 10, 1, 1);
    builder.addSample(vm, 10, 1, 1);
    expect(() => builder.build()).toThrow(/non-increasing/);
  });

  it('counts warnings by code, sorted, keeping the first message', () => {
    const builder = new WorkloadBuilder({ format: 'test', sources: [], defaultIntervalMs: 1000 });
    builder.warn('z-code', 'first z');
    builder.warn('a-code', 'first a', 3);
    builder.warn('z-code', 'second z');
    expect(builder.build().warnings).toEqual([{ code: 'a-code', count: 3, message: 'first a' }, { code: 'z-code', count: 2, message: 'first z' }]);
  });
});
