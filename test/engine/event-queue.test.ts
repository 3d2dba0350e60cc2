import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CANCELLED_KIND, EventQueue } from '../../src/engine/event-queue.js';
import { Simulator, type EventHandler } from '../../src/engine/simulator.js';

type Op =
  | { kind: 'schedule'; delay: number }
  | { kind: 'take' }
  | { kind: 'reschedule'; delay: number }
  | { kind: 'cancel'; pick: number };

const opArb: fc.Arbitrary<Op> = fc.oneof(
  fc.record({ kind: fc.constant('schedule' as const), delay: fc.integer({ min: 0, max: 40 }) }),
  fc.record({ kind: fc.constant('take' as const) }),
  fc.record({ kind: fc.constant('reschedule' as const), delay: fc.integer({ min: 0, max: 40 }) }),
  fc.record({ kind: fc.constant('cancel' as const), pick: fc.nat() }),
);

/** The naive reference: live events in a list, the earliest found by (time, sequence) each time. */
interface RefEvent {
  time: number;
  seq: number;
  target: number;
}

function earliest(events: RefEvent[]): RefEvent | undefined {
  let best: RefEvent | undefined;
  for (const e of events) if (!best || e.time < best.time || (e.time === best.time && e.seq < best.seq)) best = e;
  return best;
}

describe('EventQueue', () => {
  it('takes events in exactly the (time, sequence) order of a naive reference, lane and heap alike', () => {
    fc.assert(
      fc.property(fc.array(opArb, { maxLength: 400 }), (ops) => {
        const queue = new EventQueue(2);
        const live: RefEvent[] = [];
        const slotOf = new Map<number, number>();
        let seq = 0;
        let now = 0;
        let nextTarget = 0;
        const skipCancelled = () => {
          let slot = queue.peek();
          while (slot >= 0 && queue.kindOf(slot) === CANCELLED_KIND) {
            queue.dropTop();
            slot = queue.peek();
          }
          return slot;
        };
        for (const op of ops) {
          if (op.kind === 'schedule') {
            const target = nextTarget++;
            slotOf.set(target, queue.schedule(now + op.delay, 0, target));
            live.push({ time: now + op.delay, seq: seq++, target });
            continue;
          }
          if (op.kind === 'cancel') {
            if (live.length === 0) continue;
            const [victim] = live.splice(op.pick % live.length, 1);
            queue.cancel(slotOf.get(victim!.target)!);
            slotOf.delete(victim!.target);
            continue;
          }
          const slot = skipCancelled();
          const expected = earliest(live);
          if (!expected) {
            expect(slot).toBe(-1);
            continue;
          }
          expect([queue.timeOf(slot), queue.targetOf(slot)]).toEqual([expected.time, expected.target]);
          now = expected.time;
          if (op.kind === 'take') {
            queue.dropTop();
            live.splice(live.indexOf(expected), 1);
            slotOf.delete(expected.target);
          } else {
            queue.rescheduleTop(now + op.delay);
            expected.time = now + op.delay;
            expected.seq = seq++;
          }
        }
        expect(queue.size).toBeGreaterThanOrEqual(live.length);
      }),
      { numRuns: 300 },
    );
  });
});

describe('Simulator', () => {
  it('runs same-time events in scheduling order and settles each time step once', () => {
    const sim = new Simulator();
    const log: string[] = [];
    const handler: EventHandler = {
      handle: (kind, target, atMs) => {
        log.push(`${atMs}:${kind}/${target}`);
        if (kind === 0 && target === 1) sim.schedule(atMs, 9, 9); // same time, runs after the others
        if (kind === 1 && atMs < 30) sim.repeatCurrentAt(atMs + 10);
      },
      advance: (from, to) => log.push(`advance ${from}->${to}`),
    };
    sim.schedule(10, 0, 1);
    sim.schedule(10, 0, 2);
    sim.schedule(0, 1, 7);
    sim.run(handler, 50);
    expect(log).toEqual([
      '0:1/7',
      'advance 0->10',
      '10:0/1',
      '10:0/2',
      '10:1/7',
      '10:9/9',
      'advance 10->20',
      '20:1/7',
      'advance 20->30',
      '30:1/7',
      'advance 30->50',
    ]);
    expect(sim.now).toBe(50);
  });

  it('refuses events in the past or at fractional milliseconds', () => {
    const sim = new Simulator();
    sim.run({ handle: () => undefined, advance: () => undefined }, 100);
    expect(() => sim.schedule(99, 0, 0)).toThrow(/before now/);
    expect(() => sim.schedule(100.5, 0, 0)).toThrow(/integer/);
  });
});
