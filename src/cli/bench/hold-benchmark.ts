import { exponential } from '../../engine/distributions.js';
import { EventQueue } from '../../engine/event-queue.js';
import { RandomStream } from '../../engine/random.js';

/**
 * The classic hold model: keep `pending` events queued; each step takes the earliest and
 * schedules a new one an exponential time later. Returns events per second.
 */
export function holdBenchmark(pending: number, steps: number, seed: number): { eventsPerSec: number; checksum: number } {
  const rng = new RandomStream(seed, 'hold');
  const queue = new EventQueue(pending + 16);
  for (let i = 0; i < pending; i++) queue.schedule(Math.floor(exponential(rng, 1_000_000)), 0, i);
  let checksum = 0;
  const start = performance.now();
  for (let i = 0; i < steps; i++) {
    const slot = queue.peek();
    const now = queue.timeOf(slot);
    checksum += queue.targetOf(slot);
    queue.rescheduleTop(now + Math.floor(exponential(rng, 1_000_000)));
  }
  const seconds = (performance.now() - start) / 1000;
  return { eventsPerSec: steps / seconds, checksum };
}
