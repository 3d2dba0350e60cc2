import type { Workload } from './workload.js';

export interface PeakDemand {
  cpuMhz: number;
  cpuAtMs: number;
  memoryMiB: number;
  memoryAtMs: number;
}

/**
 * Peak of the demand summed over all VMs, with the first time it is reached. Each VM is a
 * time-ordered list of level changes (its samples, then 0 at its end); the lists are merged
 * with a binary heap keyed by the next change time, so the cost is O(samples x log VMs) with
 * no sort of all sample times. The totals are compared once every change at an instant is in.
 */
export function peakDemand(w: Workload): PeakDemand {
  const n = w.vmCount;
  const cursor = Uint32Array.from(w.sampleStart.subarray(0, n));
  const cpuNow = new Float64Array(n);
  const memNow = new Float64Array(n);
  const heap = new MinHeap(n);
  const next = (v: number): number => {
    const k = cursor[v]!;
    if (k < w.sampleStart[v + 1]!) return w.sampleAtMs[k]!;
    return Math.max(w.endAtMs[v]!, k > w.sampleStart[v]! ? w.sampleAtMs[k - 1]! : w.endAtMs[v]!);
  };
  for (let v = 0; v < n; v++) if (w.sampleStart[v + 1]! > w.sampleStart[v]!) heap.push(v, next(v));
  const best: PeakDemand = { cpuMhz: 0, cpuAtMs: 0, memoryMiB: 0, memoryAtMs: 0 };
  let cpuTotal = 0;
  let memTotal = 0;
  while (heap.size > 0) {
    const at = heap.topKey();
    while (heap.size > 0 && heap.topKey() === at) {
      const v = heap.pop();
      const k = cursor[v]!;
      const live = k < w.sampleStart[v + 1]!;
      const cpu = live ? w.sampleCpuMhz[k]! : 0;
      const mem = live ? w.sampleMemoryMiB[k]! : 0;
      cpuTotal += cpu - cpuNow[v]!;
      memTotal += mem - memNow[v]!;
      cpuNow[v] = cpu;
      memNow[v] = mem;
      if (live) {
        cursor[v] = k + 1;
        heap.push(v, next(v));
      }
    }
    if (cpuTotal > best.cpuMhz) {
      best.cpuMhz = cpuTotal;
      best.cpuAtMs = at;
    }
    if (memTotal > best.memoryMiB) {
      best.memoryMiB = memTotal;
      best.memoryAtMs = at;
    }
  }
  return best;
}

/** Binary min-heap of VM indices keyed by time; ties pop in index order. */
class MinHeap {
  private readonly items: Int32Array;
  private readonly keys: Float64Array;
  size = 0;
  constructor(capacity: number) {
    this.items = new Int32Array(Math.max(1, capacity));
    this.keys = new Float64Array(Math.max(1, capacity));
  }
  topKey(): number {
    return this.keys[0]!;
  }
  push(item: number, key: number): void {
    let i = this.size++;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!this.before(key, item, parent)) break;
      this.items[i] = this.items[parent]!;
      this.keys[i] = this.keys[parent]!;
      i = parent;
    }
    this.items[i] = item;
    this.keys[i] = key;
  }
  pop(): number {
    const top = this.items[0]!;
    const item = this.items[--this.size]!;
    const key = this.keys[this.size]!;
    let i = 0;
    for (;;) {
      let child = 2 * i + 1;
      if (child >= this.size) break;
      if (child + 1 < this.size && this.before(this.keys[child + 1]!, this.items[child + 1]!, child)) child++;
      if (!this.before(this.keys[child]!, this.items[child]!, -1, key, item)) break;
      this.items[i] = this.items[child]!;
      this.keys[i] = this.keys[child]!;
      i = child;
    }
    this.items[i] = item;
    this.keys[i] = key;
    return top;
  }
  /** (key, item) orders before slot `at`, or before (otherKey, otherItem) when at < 0. */
  private before(key: number, item: number, at: number, otherKey = 0, otherItem = 0): boolean {
    const k = at >= 0 ? this.keys[at]! : otherKey;
    const it = at >= 0 ? this.items[at]! : otherItem;
    return key < k || (key === k && item < it);
  }
}
