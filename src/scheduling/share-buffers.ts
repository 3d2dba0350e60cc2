import { shareCapacity } from './share-capacity.js';

/**
 * Reusable input and output arrays for shareCapacity, grown when a host holds more consumers
 * than ever before, so that re-sharing a host allocates nothing.
 */
export class ShareBuffers {
  demand = new Float64Array(16);
  floor = new Float64Array(16);
  cap = new Float64Array(16);
  weight = new Float64Array(16);
  served = new Float64Array(16);
  order = new Int32Array(16);

  ensure(n: number): void {
    if (n <= this.demand.length) return;
    const size = Math.max(n, this.demand.length * 2);
    this.demand = new Float64Array(size);
    this.floor = new Float64Array(size);
    this.cap = new Float64Array(size);
    this.weight = new Float64Array(size);
    this.served = new Float64Array(size);
    this.order = new Int32Array(size);
  }

  /** Shares `capacity` among the first n consumers written into the arrays; returns the total served. */
  share(capacity: number, n: number): number {
    return shareCapacity(capacity, n, this.demand, this.floor, this.cap, this.weight, this.served, this.order);
  }
}
