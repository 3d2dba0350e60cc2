import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { shareCapacity } from '../../src/scheduling/share-capacity.js';

/**
 * The naive reference: progressive filling. Raise one water level for all unsaturated consumers
 * (each gets level x weight) up to the point where the next one saturates, and repeat.
 */
function reference(capacity: number, demand: number[], floor: number[], cap: number[], weight: number[]): number[] {
  const want = demand.map((d, i) => Math.max(0, Math.min(d, cap[i]!)));
  const g = want.map((w, i) => Math.min(w, Math.max(0, floor[i]!)));
  const gSum = g.reduce((a, b) => a + b, 0);
  if (gSum >= capacity) return g.map((x) => (gSum > 0 ? (x * capacity) / gSum : 0));
  const served = [...g];
  let left = capacity - gSum;
  let active = served.map((s, i) => (want[i]! - s > 1e-12 && weight[i]! > 0 ? i : -1)).filter((i) => i >= 0);
  while (left > 1e-12 && active.length) {
    const w = active.reduce((a, i) => a + weight[i]!, 0);
    // the level at which the first active consumer saturates
    const step = Math.min(left / w, ...active.map((i) => (want[i]! - served[i]!) / weight[i]!));
    for (const i of active) served[i] = served[i]! + step * weight[i]!;
    left -= step * w;
    active = active.filter((i) => want[i]! - served[i]! > 1e-9);
  }
  return served;
}

const consumers = fc.array(
  fc.record({
    demand: fc.double({ min: 0, max: 5000, noNaN: true }),
    floor: fc.double({ min: 0, max: 2000, noNaN: true }),
    cap: fc.double({ min: 0, max: 6000, noNaN: true }),
    weight: fc.double({ min: 0.01, max: 100, noNaN: true }),
  }),
  { minLength: 0, maxLength: 12 },
);

function run(capacity: number, list: { demand: number; floor: number; cap: number; weight: number }[]): Float64Array {
  const n = list.length;
  const served = new Float64Array(n);
  shareCapacity(capacity, n, list.map((c) => c.demand), list.map((c) => c.floor), list.map((c) => c.cap), list.map((c) => c.weight), served, new Int32Array(n));
  return served;
}

describe('shareCapacity', () => {
  it('never gives more than capacity, nor anyone more than min(demand, cap), and is work-conserving', () => {
    fc.assert(
      fc.property(fc.double({ min: 0, max: 20_000, noNaN: true }), consumers, (capacity, list) => {
        const served = run(capacity, list);
        const total = served.reduce((a, b) => a + b, 0);
        const wanted = list.reduce((a, c) => a + Math.max(0, Math.min(c.demand, c.cap)), 0);
        expect(total).toBeLessThanOrEqual(capacity * (1 + 1e-9) + 1e-9);
        list.forEach((c, i) => expect(served[i]!).toBeLessThanOrEqual(Math.min(c.demand, c.cap) * (1 + 1e-9) + 1e-9));
        expect(total).toBeCloseTo(Math.min(capacity, wanted), 6);
      }),
    );
  });

  it('gives every consumer at least min(demand, floor, cap) when the guarantees fit', () => {
    fc.assert(
      fc.property(fc.double({ min: 0, max: 20_000, noNaN: true }), consumers, (capacity, list) => {
        const guarantees = list.map((c) => Math.min(c.demand, c.floor, c.cap));
        fc.pre(guarantees.reduce((a, b) => a + b, 0) <= capacity);
        const served = run(capacity, list);
        guarantees.forEach((g, i) => expect(served[i]!).toBeGreaterThanOrEqual(g * (1 - 1e-9) - 1e-9));
      }),
    );
  });

  it('matches a naive progressive-filling reference', () => {
    fc.assert(
      fc.property(fc.double({ min: 0, max: 20_000, noNaN: true }), consumers, (capacity, list) => {
        const served = run(capacity, list);
        const expected = reference(capacity, list.map((c) => c.demand), list.map((c) => c.floor), list.map((c) => c.cap), list.map((c) => c.weight));
        expected.forEach((e, i) => expect(served[i]!).toBeCloseTo(e, 5));
      }),
    );
  });

  it('shares an overloaded host by weight: hand-computed case', () => {
    // capacity 900, three fixed VMs (floor 0, cap = size, weight = size) of sizes 600, 300, 300 wanting
    // 600, 300, 100: the 100 is met in full (its fair share is 200); 800 left for weights 600:300 => 533.3, 266.7.
    const served = run(900, [
      { demand: 600, floor: 0, cap: 600, weight: 600 },
      { demand: 300, floor: 0, cap: 300, weight: 300 },
      { demand: 100, floor: 0, cap: 300, weight: 300 },
    ]);
    expect(Array.from(served)).toEqual([expect.closeTo(1600 / 3, 9), expect.closeTo(800 / 3, 9), 100]);
  });
});
