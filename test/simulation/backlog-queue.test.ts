import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BacklogQueue } from '../../src/simulation/backlog-queue.js';
import { weightedDelays } from '../../src/metrics/deferrable-summary.js';

describe('BacklogQueue', () => {
  it('serves the oldest chunk first and dates each chunk at its midpoint', () => {
    // Bucket 10 s. VM 0 defers 100 over [0, 2) s (at 1 s) and 300 over [10, 12) s (at 11 s); served at 100/s from 20 s:
    // the first is done at 21 s (20 s late), the second at 24 s (13 s late).
    const q = new BacklogQueue(2, 10_000);
    q.defer(0, 100, 0, 2000);
    q.defer(0, 300, 10_000, 12_000);
    q.defer(1, 50, 0, 1000);
    expect(q.serve(0, 150, 20_000, 0.1)).toBe(150);
    expect(q.delayMs).toEqual([20_000]);
    expect(q.pending(0)).toBe(250);
    expect(q.serve(0, 250, 21_500, 0.1)).toBe(250);
    expect(q.delayMs).toEqual([20_000, 13_000]);
    expect(q.delayWeight).toEqual([100, 300]);
    expect(q.pending(0)).toBe(0);
    expect(q.pending(1)).toBe(50);
    expect(q.dropAll(1)).toBe(50);
  });

  it('joins work deferred within one bucket into one chunk at the amount-weighted time', () => {
    const q = new BacklogQueue(1, 10_000);
    q.defer(0, 100, 0, 2000); // at 1 s
    q.defer(0, 300, 2000, 4000); // at 3 s, same bucket: one chunk of 400 at 2.5 s
    expect(q.oldestMs(0)).toBe(2500);
    q.serve(0, 400, 10_000, 1);
    expect(q.delayMs).toEqual([10_000 + 400 - 2500]);
  });

  it('keeps amounts: deferred = served + pending + dropped, for any sequence (property)', () => {
    const op = fc.oneof(
      fc.record({ kind: fc.constant('defer' as const), vm: fc.integer({ min: 0, max: 2 }), amount: fc.double({ min: 0.001, max: 1000, noNaN: true }) }),
      fc.record({ kind: fc.constant('serve' as const), vm: fc.integer({ min: 0, max: 2 }), amount: fc.double({ min: 0.001, max: 1000, noNaN: true }) }),
      fc.record({ kind: fc.constant('drop' as const), vm: fc.integer({ min: 0, max: 2 }), amount: fc.constant(0) }),
    );
    fc.assert(
      fc.property(fc.array(op, { maxLength: 60 }), (ops) => {
        const q = new BacklogQueue(3, 1000);
        let deferred = 0;
        let served = 0;
        let dropped = 0;
        let now = 0;
        for (const o of ops) {
          now += 500;
          if (o.kind === 'defer') {
            q.defer(o.vm, o.amount, now, now + 500);
            deferred += o.amount;
          } else if (o.kind === 'serve') served += q.serve(o.vm, o.amount, now, 1);
          else dropped += q.dropAll(o.vm);
        }
        const pending = q.pending(0) + q.pending(1) + q.pending(2);
        expect(Math.abs(deferred - served - pending - dropped)).toBeLessThan(1e-9 * Math.max(1, deferred));
        // Every delay recorded is of work served after it was deferred.
        for (const d of q.delayMs) expect(d).toBeGreaterThan(0);
      }),
    );
  });
});

describe('weightedDelays', () => {
  it('weighs each delay by its amount', () => {
    expect(weightedDelays([12_000, 9500, 6667], [1500, 1500, 400])).toEqual({ p50: 9.5, p95: 12, max: 12, mean: (12 * 1500 + 9.5 * 1500 + 6.667 * 400) / 3400 });
  });

  it('p50 <= p95 <= max, and every quantile is one of the delays (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.double({ min: 0, max: 1e7, noNaN: true }), fc.double({ min: 1e-3, max: 1e6, noNaN: true })), { minLength: 1, maxLength: 40 }), (pairs) => {
        const d = weightedDelays(pairs.map((p) => p[0]), pairs.map((p) => p[1]));
        expect(d.p50).toBeLessThanOrEqual(d.p95);
        expect(d.p95).toBeLessThanOrEqual(d.max);
        const seconds = pairs.map((p) => p[0] / 1000);
        expect(seconds).toContain(d.p50);
        expect(seconds).toContain(d.p95);
        expect(d.max).toBe(Math.max(...seconds));
      }),
    );
  });
});
