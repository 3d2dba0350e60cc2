import FastPriorityQueue from 'fastpriorityqueue';

/**
 * A pending-event set ordered by (time, sequence number). Events live in slots of typed arrays
 * (time, sequence, kind, target); the heap holds only slot indices, which measured 3-6x faster
 * than holding event objects. Same-time events keep the order they were scheduled in.
 *
 * `kind` and `target` are small integers whose meaning belongs to the caller (e.g. kind SAMPLE,
 * target = VM index). Cancelled events stay in the heap and are skipped when they surface.
 */
export class EventQueue {
  private timeMs: Float64Array;
  private sequence: Float64Array;
  private kinds: Int32Array;
  private targets: Int32Array;
  private freeSlots: Int32Array;
  private freeCount = 0;
  private slotCount = 0;
  private nextSequence = 0;
  private readonly heap: FastPriorityQueue<number>;

  constructor(initialCapacity = 1024) {
    this.timeMs = new Float64Array(initialCapacity);
    this.sequence = new Float64Array(initialCapacity);
    this.kinds = new Int32Array(initialCapacity);
    this.targets = new Int32Array(initialCapacity);
    this.freeSlots = new Int32Array(initialCapacity);
    this.heap = new FastPriorityQueue<number>((a, b) => {
      const ta = this.timeMs[a]!;
      const tb = this.timeMs[b]!;
      return ta < tb || (ta === tb && this.sequence[a]! < this.sequence[b]!);
    });
  }

  get size(): number {
    return this.heap.size;
  }

  /** Schedules an event and returns its slot (valid until the event is taken or cancelled). */
  schedule(atMs: number, kind: number, target: number): number {
    const slot = this.freeCount > 0 ? this.freeSlots[--this.freeCount]! : this.newSlot();
    this.timeMs[slot] = atMs;
    this.sequence[slot] = this.nextSequence++;
    this.kinds[slot] = kind;
    this.targets[slot] = target;
    this.heap.add(slot);
    return slot;
  }

  /** Slot of the earliest event, or -1 when empty. */
  peek(): number {
    return this.heap.size === 0 ? -1 : this.heap.peek()!;
  }

  timeOf(slot: number): number {
    return this.timeMs[slot]!;
  }

  kindOf(slot: number): number {
    return this.kinds[slot]!;
  }

  targetOf(slot: number): number {
    return this.targets[slot]!;
  }

  /** Removes the earliest event and frees its slot. */
  dropTop(): void {
    const slot = this.heap.poll()!;
    this.freeSlots[this.freeCount++] = slot;
  }

  /**
   * Moves the earliest event to a later time (it keeps its kind and target and gets a new
   * sequence number): one sift-down instead of a remove plus an insert.
   */
  rescheduleTop(atMs: number): void {
    const slot = this.heap.peek()!;
    this.timeMs[slot] = atMs;
    this.sequence[slot] = this.nextSequence++;
    this.heap.replaceTop(slot);
  }

  /** Marks a pending event as cancelled; it is dropped, unseen, when it reaches the top. */
  cancel(slot: number): void {
    this.kinds[slot] = CANCELLED_KIND;
  }

  private newSlot(): number {
    if (this.slotCount === this.timeMs.length) this.grow();
    return this.slotCount++;
  }

  private grow(): void {
    const capacity = this.timeMs.length * 2;
    this.timeMs = growFloat64(this.timeMs, capacity);
    this.sequence = growFloat64(this.sequence, capacity);
    this.kinds = growInt32(this.kinds, capacity);
    this.targets = growInt32(this.targets, capacity);
    this.freeSlots = growInt32(this.freeSlots, capacity);
  }
}

/** Kind given to cancelled events; callers' kinds are >= 0. */
export const CANCELLED_KIND = -1;

function growFloat64(array: Float64Array, capacity: number): Float64Array {
  const next = new Float64Array(capacity);
  next.set(array);
  return next;
}

function growInt32(array: Int32Array, capacity: number): Int32Array {
  const next = new Int32Array(capacity);
  next.set(array);
  return next;
}
