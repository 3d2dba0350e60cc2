import { CANCELLED_KIND, EventQueue } from './event-queue.js';

/**
 * What a model plugs into the simulator. Methods, not per-event closures, so the hot path
 * allocates nothing.
 */
export interface EventHandler {
  /** Handles one event at `atMs`; may schedule events at `atMs` or later. */
  handle(kind: number, target: number, atMs: number): void;
  /**
   * Called once the clock is about to move from `fromMs` to `toMs` (> fromMs), after every
   * event at `fromMs` was handled: the place to settle same-time changes and integrate rates.
   */
  advance(fromMs: number, toMs: number): void;
  /**
   * Optional: called once every event at `atMs` was handled, before the clock moves on (and
   * before advance): the place for changes that schedule events of their own, after `atMs`,
   * which then run in order.
   */
  settle?(atMs: number): void;
}

/**
 * The one owner of simulated time (integer milliseconds). Runs events in (time, sequence)
 * order until the queue is empty or the end time is reached.
 */
export class Simulator {
  readonly queue: EventQueue;
  private nowMs = 0;
  private rescheduledAtMs = -1;
  private eventsHandled = 0;

  constructor(queue = new EventQueue()) {
    this.queue = queue;
  }

  get now(): number {
    return this.nowMs;
  }

  get handledCount(): number {
    return this.eventsHandled;
  }

  schedule(atMs: number, kind: number, target: number): number {
    if (!(atMs >= this.nowMs)) throw new RangeError(`event at ${atMs} ms is before now (${this.nowMs} ms)`);
    if (!Number.isInteger(atMs)) throw new RangeError(`event time ${atMs} is not an integer ms`);
    return this.queue.schedule(atMs, kind, target);
  }

  /**
   * From inside handle(): run the event being handled again at `atMs` (same kind and target)
   * instead of freeing it. Cheaper than scheduling a new event.
   */
  repeatCurrentAt(atMs: number): void {
    this.rescheduledAtMs = atMs;
  }

  /**
   * Runs every event before `endMs` (events at `endMs` or later stay queued: what happens at the
   * end changes nothing that is measured up to it); the clock then stands at `endMs`.
   */
  run(handler: EventHandler, endMs: number): void {
    const queue = this.queue;
    const settles = handler.settle !== undefined;
    for (;;) {
      let slot = queue.peek();
      if (settles && (slot < 0 || queue.timeOf(slot) > this.nowMs)) {
        handler.settle!(this.nowMs);
        slot = queue.peek();
      }
      if (slot < 0) break;
      const atMs = queue.timeOf(slot);
      if (atMs >= endMs) break;
      if (atMs > this.nowMs) {
        handler.advance(this.nowMs, atMs);
        this.nowMs = atMs;
      }
      const kind = queue.kindOf(slot);
      if (kind === CANCELLED_KIND) {
        queue.dropTop();
        continue;
      }
      this.rescheduledAtMs = -1;
      handler.handle(kind, queue.targetOf(slot), atMs);
      this.eventsHandled++;
      if (this.rescheduledAtMs >= 0) {
        if (!(this.rescheduledAtMs >= atMs) || !Number.isInteger(this.rescheduledAtMs)) {
          throw new RangeError(`event repeated at ${this.rescheduledAtMs} ms, before now (${atMs} ms)`);
        }
        queue.rescheduleTop(this.rescheduledAtMs);
      } else {
        queue.dropTop();
      }
    }
    if (endMs > this.nowMs) {
      handler.advance(this.nowMs, endMs);
      this.nowMs = endMs;
    }
  }
}
