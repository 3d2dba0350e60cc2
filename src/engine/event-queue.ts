import FastPriorityQueue from 'fastpriorityqueue';

/**
 * A pending-event set ordered by (time, sequence number). Events live in slots of typed arrays
 * (time, sequence, kind, target); the heap holds only slot indices, which measured 3-6x faster
 * than holding event objects. Same-time events keep the order they were scheduled in.
 *
 * Beside the heap runs a FIFO lane: an event no earlier than the lane's last one is appended
 * there in O(1). Trace samples recur at a fixed interval, so nearly all of them take the lane
 * and replay does no heap work for them. Both structures are sorted by (time, sequence) - the
 * lane because times are appended in order and sequence numbers only grow - so the earliest
 * event is the earlier of the two heads, and the order is exactly that of a single heap.
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
  private lane: Int32Array;
  private laneHead = 0;
  private laneCount = 0;
  /** Slot of the current earliest event and whether it sits in the lane (set by peek). */
  private topSlot = -1;
  private topInLane = false;

  constructor(initialCapacity = 1024) {
    this.timeMs = new Float64Array(initialCapacity);
    this.sequence = new Float64Array(initialCapacity);
    this.kinds = new Int32Array(initialCapacity);
    this.targets = new Int32Array(initialCapacity);
    this.freeSlots = new Int32Array(initialCapacity);
    this.lane = new Int32Array(initialCapacity);
    this.heap = new FastPriorityQueue<number>((a, b) => {
      const ta = this.timeMs[a]!;
      const tb = this.timeMs[b]!;
      return ta < tb || (ta === tb && this.sequence[a]! < this.sequence[b]!);
    });
  }

  get size(): number {
    return this.heap.size + this.laneCount;
  }

  /** Schedules an event and returns its slot (valid until the event is taken or cancelled). */
  schedule(atMs: number, kind: number, target: number): number {
    const slot = this.freeCount > 0 ? this.freeSlots[--this.freeCount]! : this.newSlot();
    this.timeMs[slot] = atMs;
    this.sequence[slot] = this.nextSequence++;
    this.kinds[slot] = kind;
    this.targets[slot] = target;
    this.insert(slot, atMs);
    return slot;
  }

  /** Slot of the earliest event, or -1 when empty. */
  peek(): number {
    const fromHeap = this.heap.size === 0 ? -1 : this.heap.peek()!;
    const fromLane = this.laneCount === 0 ? -1 : this.lane[this.laneHead]!;
    if (fromLane < 0 || (fromHeap >= 0 && this.before(fromHeap, fromLane))) {
      this.topSlot = fromHeap;
      this.topInLane = false;
    } else {
      this.topSlot = fromLane;
      this.topInLane = true;
    }
    return this.topSlot;
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

  /** Events in the FIFO lane (the rest are in the heap). */
  get laneSize(): number {
    return this.laneCount;
  }

  /**
   * Slot of the lane's `i`-th event from its head (0 <= i < laneSize), in (time, sequence)
   * order: lets a caller look at what comes next without taking it.
   */
  laneSlot(i: number): number {
    let at = this.laneHead + i;
    if (at >= this.lane.length) at -= this.lane.length;
    return this.lane[at]!;
  }

  /** Removes the earliest event (as found by the last peek) and frees its slot. */
  dropTop(): void {
    this.freeSlots[this.freeCount++] = this.takeTop();
  }

  /**
   * Moves the earliest event (as found by the last peek) to a later time; it keeps its kind and
   * target and gets a new sequence number, so it runs after events already at that time.
   */
  rescheduleTop(atMs: number): void {
    const slot = this.topSlot;
    if (!this.topInLane && this.laneCount > 0 && atMs < this.timeMs[this.laneTail()]!) {
      // Stays in the heap: one sift-down instead of a removal plus an insertion.
      this.timeMs[slot] = atMs;
      this.sequence[slot] = this.nextSequence++;
      this.heap.replaceTop(slot);
      this.topSlot = -1;
      return;
    }
    this.takeTop();
    this.timeMs[slot] = atMs;
    this.sequence[slot] = this.nextSequence++;
    this.insert(slot, atMs);
  }

  private takeTop(): number {
    const slot = this.topSlot;
    if (this.topInLane) {
      this.laneHead = this.laneHead + 1 === this.lane.length ? 0 : this.laneHead + 1;
      this.laneCount--;
    } else {
      this.heap.poll();
    }
    this.topSlot = -1;
    return slot;
  }

  private insert(slot: number, atMs: number): void {
    if (this.laneCount === 0 || atMs >= this.timeMs[this.laneTail()]!) {
      if (this.laneCount === this.lane.length) this.growLane();
      let tail = this.laneHead + this.laneCount;
      if (tail >= this.lane.length) tail -= this.lane.length;
      this.lane[tail] = slot;
      this.laneCount++;
    } else {
      this.heap.add(slot);
    }
  }

  private laneTail(): number {
    let tail = this.laneHead + this.laneCount - 1;
    if (tail >= this.lane.length) tail -= this.lane.length;
    return this.lane[tail]!;
  }

  private before(a: number, b: number): boolean {
    const ta = this.timeMs[a]!;
    const tb = this.timeMs[b]!;
    return ta < tb || (ta === tb && this.sequence[a]! < this.sequence[b]!);
  }

  private growLane(): void {
    const next = new Int32Array(this.lane.length * 2);
    for (let i = 0; i < this.laneCount; i++) {
      let from = this.laneHead + i;
      if (from >= this.lane.length) from -= this.lane.length;
      next[i] = this.lane[from]!;
    }
    this.lane = next;
    this.laneHead = 0;
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
