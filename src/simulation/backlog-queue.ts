/**
 * Per-VM first-in-first-out queues of deferred CPU work, in one pool of typed arrays (no object
 * per chunk): a chunk is an amount (MHz x ms) deferred around one moment. Serving takes the
 * oldest chunks first; a chunk served to its end records its delay (end of service - time
 * deferred), weighted by its whole amount, for the delay distribution.
 *
 * Work deferred at a constant rate over [fromMs, toMs) counts as deferred at the midpoint; work
 * deferred within the same `bucketMs`-long bucket (a report interval) joins the queue's last
 * chunk, at the amount-weighted mean time, so a VM holds at most about one chunk per bucket.
 */
export class BacklogQueue {
  private arrivalMs = new Float64Array(64);
  private left = new Float64Array(64);
  private total = new Float64Array(64);
  private bucket = new Float64Array(64);
  private next = new Int32Array(64);
  private free = -1;
  private used = 0;
  private readonly head: Int32Array;
  private readonly tail: Int32Array;
  /** Delays of chunks served to their end (ms) and their amounts (MHz x ms). */
  readonly delayMs: number[] = [];
  readonly delayWeight: number[] = [];

  constructor(
    vmCount: number,
    private readonly bucketMs: number,
  ) {
    this.head = new Int32Array(vmCount).fill(-1);
    this.tail = new Int32Array(vmCount).fill(-1);
  }

  /** Defers `amount` MHz x ms, accrued at a constant rate over [fromMs, toMs). */
  defer(vm: number, amount: number, fromMs: number, toMs: number): void {
    if (!(amount > 0)) return;
    const at = (fromMs + toMs) / 2;
    const bucket = Math.floor(fromMs / this.bucketMs);
    const last = this.tail[vm]!;
    if (last >= 0 && this.bucket[last] === bucket) {
      const total = this.total[last]! + amount;
      this.arrivalMs[last] = (this.arrivalMs[last]! * this.total[last]! + at * amount) / total;
      this.total[last] = total;
      this.left[last] = this.left[last]! + amount;
      return;
    }
    const chunk = this.allocate();
    this.arrivalMs[chunk] = at;
    this.left[chunk] = amount;
    this.total[chunk] = amount;
    this.bucket[chunk] = bucket;
    this.next[chunk] = -1;
    if (last >= 0) this.next[last] = chunk;
    else this.head[vm] = chunk;
    this.tail[vm] = chunk;
  }

  /**
   * Serves `amount` MHz x ms from the oldest chunks, at a constant rate from `fromMs` on
   * (`rateMhz` > 0): a chunk served to its end finished at fromMs + (served so far) / rate.
   * Returns what it found to serve (less than `amount` only when the queue ran dry).
   */
  serve(vm: number, amount: number, fromMs: number, rateMhz: number): number {
    let served = 0;
    let chunk = this.head[vm]!;
    while (chunk >= 0 && served < amount) {
      const take = Math.min(this.left[chunk]!, amount - served);
      served += take;
      const rest = this.left[chunk]! - take;
      // A remainder below a part in 1e12 of the chunk is rounding, not work still waiting.
      if (rest > this.total[chunk]! * 1e-12) {
        this.left[chunk] = rest;
        break;
      }
      this.delayMs.push(fromMs + served / rateMhz - this.arrivalMs[chunk]!);
      this.delayWeight.push(this.total[chunk]!);
      chunk = this.release(vm, chunk);
    }
    return served;
  }

  /** Drops every chunk of `vm` (the VM left for good); returns the amount dropped. */
  dropAll(vm: number): number {
    let dropped = 0;
    for (let chunk = this.head[vm]!; chunk >= 0; chunk = this.release(vm, chunk)) dropped += this.left[chunk]!;
    return dropped;
  }

  /** The amount still queued for `vm` (a sum over its chunks: for checks, not the hot path). */
  pending(vm: number): number {
    let total = 0;
    for (let chunk = this.head[vm]!; chunk >= 0; chunk = this.next[chunk]!) total += this.left[chunk]!;
    return total;
  }

  /** The oldest queued chunk's time, or NaN when the queue is empty. */
  oldestMs(vm: number): number {
    const chunk = this.head[vm]!;
    return chunk >= 0 ? this.arrivalMs[chunk]! : Number.NaN;
  }

  /** Unlinks the head chunk of `vm` and returns the next one. */
  private release(vm: number, chunk: number): number {
    const after = this.next[chunk]!;
    this.head[vm] = after;
    if (after < 0) this.tail[vm] = -1;
    this.next[chunk] = this.free;
    this.free = chunk;
    return after;
  }

  private allocate(): number {
    if (this.free >= 0) {
      const chunk = this.free;
      this.free = this.next[chunk]!;
      return chunk;
    }
    if (this.used === this.next.length) this.grow();
    return this.used++;
  }

  private grow(): void {
    const size = this.next.length * 2;
    const widen = (a: Float64Array) => {
      const b = new Float64Array(size);
      b.set(a);
      return b;
    };
    this.arrivalMs = widen(this.arrivalMs);
    this.left = widen(this.left);
    this.total = widen(this.total);
    this.bucket = widen(this.bucket);
    const next = new Int32Array(size);
    next.set(this.next);
    this.next = next;
  }
}
