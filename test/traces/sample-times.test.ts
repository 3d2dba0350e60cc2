import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeSampleTimes, encodeSampleTimes } from '../../src/traces/sample-times.js';

/** CSR sample times from per-VM lists. */
function csr(perVm: number[][]): { sampleStart: Uint32Array; sampleAtMs: Float64Array } {
  const sampleStart = new Uint32Array(perVm.length + 1);
  perVm.forEach((times, vm) => (sampleStart[vm + 1] = sampleStart[vm]! + times.length));
  return { sampleStart, sampleAtMs: Float64Array.from(perVm.flat()) };
}

function roundTrip(perVm: number[][]): Float64Array | null {
  const { sampleStart, sampleAtMs } = csr(perVm);
  const encoded = encodeSampleTimes(sampleStart, sampleAtMs);
  return encoded && decodeSampleTimes(sampleStart, encoded, new Float64Array(sampleAtMs.length));
}

describe('compact sample times', () => {
  it('stores a fixed-interval VM as first time and step, an irregular one as u32 offsets', () => {
    // VM 0: every 300 s from t = 1.5e12 ms (epoch-sized), 3 samples: no per-sample bytes.
    // VM 1: no samples. VM 2: 0, 7, 9 ms: offsets 0, 7, 9. VM 3: one sample, step 0.
    const perVm = [[1.5e12, 1.5e12 + 300_000, 1.5e12 + 600_000], [], [40, 47, 49], [123]];
    const { sampleStart, sampleAtMs } = csr(perVm);
    const encoded = encodeSampleTimes(sampleStart, sampleAtMs)!;
    expect(Array.from(encoded.firstMs)).toEqual([1.5e12, 0, 40, 123]);
    expect(Array.from(encoded.stepMs)).toEqual([300_000, 0, -1, 0]);
    expect(Array.from(encoded.offsetsMs)).toEqual([0, 7, 9]);
    expect(decodeSampleTimes(sampleStart, encoded, new Float64Array(sampleAtMs.length))).toEqual(sampleAtMs);
  });

  it('refuses what a u32 offset cannot hold exactly: fractional ms, spans over 2^32 ms, times going back', () => {
    expect(roundTrip([[0, 0.5, 3]])).toBeNull();
    expect(roundTrip([[0, 1, 2 ** 32 + 5]])).toBeNull();
    expect(roundTrip([[10, 5]])).toBeNull();
    expect(roundTrip([[0, 1, 2 ** 32 - 1]])).toEqual(Float64Array.from([0, 1, 2 ** 32 - 1]));
  });

  it('decodes every encodable workload to exactly its own times', () => {
    const vmTimes = fc.oneof(
      // regular: first, step, count
      fc.tuple(fc.integer({ min: 0, max: 2e12 }), fc.integer({ min: 0, max: 1e7 }), fc.nat({ max: 30 })).map(([first, step, n]) => Array.from({ length: n }, (_, k) => first + k * step)),
      // irregular: sorted gaps, some fractional or huge
      fc.tuple(fc.integer({ min: 0, max: 2e12 }), fc.array(fc.oneof(fc.nat({ max: 1e6 }), fc.constant(0.25), fc.constant(2 ** 33)), { maxLength: 20 })).map(([first, gaps]) => {
        let t = first;
        return [first, ...gaps.map((gap) => (t += gap))];
      }),
    );
    fc.assert(
      fc.property(fc.array(vmTimes, { maxLength: 12 }), (perVm) => {
        const decoded = roundTrip(perVm);
        const flat = Float64Array.from(perVm.flat());
        const encodable = perVm.every((times) => times.every((t) => Number.isInteger(t - times[0]!) && t - times[0]! < 2 ** 32));
        if (encodable) expect(decoded).toEqual(flat);
        else if (decoded) expect(decoded).toEqual(flat); // a regular VM may still encode with a fractional or long step
      }),
      { numRuns: 300 },
    );
  });

  it('rejects an inconsistent form instead of decoding garbage', () => {
    const { sampleStart, sampleAtMs } = csr([[0, 5, 6]]);
    const encoded = encodeSampleTimes(sampleStart, sampleAtMs)!;
    expect(decodeSampleTimes(sampleStart, { ...encoded, offsetsMs: encoded.offsetsMs.subarray(0, 2) }, new Float64Array(3))).toBeNull();
    expect(decodeSampleTimes(sampleStart, encoded, new Float64Array(2))).toBeNull();
  });
});
