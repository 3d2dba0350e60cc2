/**
 * A compact form of a workload's sample times for the binary cache. Most traces sample every VM
 * at a fixed interval, so a VM's times are its first time and a step, stored once per VM (no
 * bytes per sample at all). A VM with irregular times keeps one u32 offset per sample from its
 * first time (up to 49 days of ms). A trace whose times fit neither (fractional ms, longer
 * spans) is not encoded: the cache then keeps the f64 times, 8 bytes per sample.
 *
 * Decoding gives back exactly the same f64 times: every encoded time is checked to decode to
 * itself before the form is used.
 */
export interface EncodedSampleTimes {
  /** Time of each VM's first sample, ms (0 for a VM without samples). */
  firstMs: Float64Array;
  /** Each VM's fixed step, ms, or -1 when its offsets are listed in `offsetsMs`. */
  stepMs: Float64Array;
  /** Offsets from firstMs of the irregular VMs' samples, in VM order. */
  offsetsMs: Uint32Array;
}

const MAX_OFFSET_MS = 0xffff_ffff;

/** The compact form, or null when some time would not decode exactly to itself. */
export function encodeSampleTimes(sampleStart: Uint32Array, sampleAtMs: Float64Array): EncodedSampleTimes | null {
  const vms = sampleStart.length - 1;
  const firstMs = new Float64Array(vms);
  const stepMs = new Float64Array(vms);
  let irregularSamples = 0;
  for (let vm = 0; vm < vms; vm++) {
    const from = sampleStart[vm]!;
    const to = sampleStart[vm + 1]!;
    if (from === to) continue;
    const first = sampleAtMs[from]!;
    firstMs[vm] = first;
    const step = to - from > 1 ? sampleAtMs[from + 1]! - first : 0;
    let regular = step >= 0;
    for (let k = from + 1; k < to && regular; k++) regular = sampleAtMs[k] === first + (k - from) * step;
    if (regular) {
      stepMs[vm] = step;
      continue;
    }
    stepMs[vm] = -1;
    for (let k = from; k < to; k++) {
      const offset = sampleAtMs[k]! - first;
      if (!Number.isInteger(offset) || offset < 0 || offset > MAX_OFFSET_MS || first + offset !== sampleAtMs[k]) return null;
    }
    irregularSamples += to - from;
  }
  const offsetsMs = new Uint32Array(irregularSamples);
  let next = 0;
  for (let vm = 0; vm < vms; vm++) {
    if (stepMs[vm] !== -1) continue;
    const first = firstMs[vm]!;
    for (let k = sampleStart[vm]!; k < sampleStart[vm + 1]!; k++) offsetsMs[next++] = sampleAtMs[k]! - first;
  }
  return { firstMs, stepMs, offsetsMs };
}

/** The f64 sample times back, into `out` (length sampleStart[vms]); null when the form is inconsistent. */
export function decodeSampleTimes(sampleStart: Uint32Array, times: EncodedSampleTimes, out: Float64Array): Float64Array | null {
  const vms = sampleStart.length - 1;
  const { firstMs, stepMs, offsetsMs } = times;
  if (firstMs.length !== vms || stepMs.length !== vms || out.length !== sampleStart[vms]) return null;
  let next = 0;
  for (let vm = 0; vm < vms; vm++) {
    const from = sampleStart[vm]!;
    const to = sampleStart[vm + 1]!;
    if (to < from || to > out.length) return null;
    const first = firstMs[vm]!;
    const step = stepMs[vm]!;
    if (step !== -1) {
      for (let k = from; k < to; k++) out[k] = first + (k - from) * step;
      continue;
    }
    if (next + (to - from) > offsetsMs.length) return null;
    for (let k = from; k < to; k++) out[k] = first + offsetsMs[next++]!;
  }
  return next === offsetsMs.length ? out : null;
}
