import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { TimedHeap } from '../../src/engine/timed-heap.js';

describe('TimedHeap', () => {
  it('gives entries back in (time, sequence) order whatever the pushes, pops and top replacements, growing from 2', () => {
    const op = fc.oneof(
      fc.record({ kind: fc.constant('push' as const), time: fc.integer({ min: 0, max: 20 }) }),
      fc.record({ kind: fc.constant('pop' as const) }),
      fc.record({ kind: fc.constant('replace' as const), time: fc.integer({ min: 0, max: 20 }) }),
    );
    fc.assert(
      fc.property(fc.array(op, { maxLength: 300 }), (ops) => {
        const heap = new TimedHeap(2);
        // The reference: live entries, the earliest found by a full scan. Few distinct times, so
        // most comparisons are decided by the sequence number.
        let live: { time: number; sequence: number; slot: number }[] = [];
        let sequence = 0;
        const earliest = () => live.reduce((a, b) => (b.time < a.time || (b.time === a.time && b.sequence < a.sequence) ? b : a));
        for (const o of ops) {
          if (o.kind === 'push') {
            live.push({ time: o.time, sequence, slot: sequence });
            heap.push(o.time, sequence, sequence);
            sequence++;
          } else if (live.length > 0) {
            const top = earliest();
            expect([heap.topTime(), heap.topSequence(), heap.topSlot()]).toEqual([top.time, top.sequence, top.slot]);
            live = live.filter((e) => e !== top);
            if (o.kind === 'pop') heap.pop();
            else {
              live.push({ time: o.time, sequence, slot: top.slot });
              heap.replaceTop(o.time, sequence++, top.slot);
            }
          }
          expect(heap.size).toBe(live.length);
        }
      }),
      { numRuns: 300 },
    );
  });
});
