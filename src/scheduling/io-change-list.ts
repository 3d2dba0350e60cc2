import type { IoConsumers } from './io-consumers.js';

/** Sample times of the workload, for the rate changes of VM stays. */
export interface IoSampleTimes {
  sampleStart: Uint32Array;
  sampleAtMs: Float64Array;
}

const TWO_POW_53 = 2 ** 53;

/**
 * Every rate change of one host's consumers in time order (ties by row): a row's start, each
 * of its VM's sample times strictly inside [fromMs, toMs), and its end. Built once per host and
 * shared by disk and network, whose changes fall at the same times.
 *
 * Integer times and rows are packed into one float64 key, time x 2^bits + row (exact below
 * 2^53), and sorted natively; other times fall back to a sort of row indices by comparator.
 */
export class IoChangeList {
  count = 0;
  timeMs = new Float64Array(64);
  row = new Int32Array(64);
  private keys = new Float64Array(64);
  private built = false;

  /** Forgets the list (the consumers changed); the next buildOnce builds it again. */
  invalidate(): void {
    this.built = false;
  }

  /** Builds the list unless it is built for these consumers already. */
  buildOnce(consumers: IoConsumers, samples: IoSampleTimes): void {
    if (this.built) return;
    this.build(consumers, samples);
    this.built = true;
  }

  build(consumers: IoConsumers, samples: IoSampleTimes): void {
    const n = consumers.count;
    let count = 0;
    let packable = true;
    let latest = 0;
    for (let i = 0; i < n; i++) {
      const from = consumers.fromMs[i]!;
      const to = consumers.toMs[i]!;
      if (!(to > from)) continue;
      count += 2 + (Number.isNaN(consumers.streamMBps[i]!) ? samplesInside(samples, consumers.vm[i]!, from, to)[1] : 0);
      if (!Number.isInteger(from) || !(Number.isInteger(to) || to === Infinity) || from < 0) packable = false;
      latest = Math.max(latest, from, Number.isFinite(to) ? to : 0);
    }
    this.ensure(count);
    this.count = count;
    const scale = 2 ** Math.max(1, Math.ceil(Math.log2(n + 1)));
    if (packable && (latest + 1) * scale < TWO_POW_53) this.fillPacked(consumers, samples, scale);
    else this.fillSorted(consumers, samples);
  }

  private fillPacked(consumers: IoConsumers, samples: IoSampleTimes, scale: number): void {
    const keys = this.keys;
    const at = samples.sampleAtMs;
    let e = 0;
    for (let i = 0; i < consumers.count; i++) {
      const from = consumers.fromMs[i]!;
      const to = consumers.toMs[i]!;
      if (!(to > from)) continue;
      keys[e++] = from * scale + i;
      if (Number.isNaN(consumers.streamMBps[i]!)) {
        const [first, inside] = samplesInside(samples, consumers.vm[i]!, from, to);
        for (let k = first; k < first + inside; k++) {
          const t = at[k]!;
          if (!Number.isInteger(t)) return this.fillSorted(consumers, samples);
          keys[e++] = t * scale + i;
        }
      }
      if (Number.isFinite(to)) keys[e++] = to * scale + i;
    }
    const sorted = keys.subarray(0, e).sort();
    for (let k = 0; k < e; k++) {
      const t = Math.floor(sorted[k]! / scale);
      this.timeMs[k] = t;
      this.row[k] = sorted[k]! - t * scale;
    }
  }

  /** The general path: any finite times, sorted by comparator (slower; not used by runs). */
  private fillSorted(consumers: IoConsumers, samples: IoSampleTimes): void {
    const times: number[] = [];
    const rows: number[] = [];
    this.forEachChange(consumers, samples, (t, i) => {
      times.push(t);
      rows.push(i);
    });
    const order = Array.from(times.keys()).sort((a, b) => times[a]! - times[b]! || rows[a]! - rows[b]!);
    order.forEach((k, e) => {
      this.timeMs[e] = times[k]!;
      this.row[e] = rows[k]!;
    });
  }

  private forEachChange(consumers: IoConsumers, samples: IoSampleTimes, add: (t: number, row: number) => void): void {
    const at = samples.sampleAtMs;
    for (let i = 0; i < consumers.count; i++) {
      const from = consumers.fromMs[i]!;
      const to = consumers.toMs[i]!;
      if (!(to > from)) continue;
      add(from, i);
      if (Number.isNaN(consumers.streamMBps[i]!)) {
        const [first, inside] = samplesInside(samples, consumers.vm[i]!, from, to);
        for (let k = first; k < first + inside; k++) add(at[k]!, i);
      }
      if (Number.isFinite(to)) add(to, i);
    }
  }

  private ensure(n: number): void {
    if (n <= this.keys.length) return;
    const size = Math.max(n, this.keys.length * 2);
    this.keys = new Float64Array(size);
    this.timeMs = new Float64Array(size);
    this.row = new Int32Array(size);
  }
}

/** [first index, count] of VM vm's samples with fromMs < time < toMs. */
function samplesInside(samples: IoSampleTimes, vm: number, fromMs: number, toMs: number): [number, number] {
  const first = samplesBefore(samples, vm, fromMs, true);
  const end = samplesBefore(samples, vm, toMs, false);
  return [first, Math.max(0, end - first)];
}

/** Index of VM vm's last sample at or before t, or its first sample - 1 when none is. */
export function sampleAtOrBefore(samples: IoSampleTimes, vm: number, t: number): number {
  return samplesBefore(samples, vm, t, true) - 1;
}

/** Index just past VM vm's samples with time < t (or <= t when `inclusive`). */
function samplesBefore(samples: IoSampleTimes, vm: number, t: number, inclusive: boolean): number {
  let lo = samples.sampleStart[vm]!;
  let hi = samples.sampleStart[vm + 1]!;
  const at = samples.sampleAtMs;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (at[mid]! < t || (inclusive && at[mid] === t)) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
