import type { RandomStream } from '../engine/random.js';

/** What a selector may read about the VMs of one overloaded host. */
export interface SelectionView {
  readonly memoryMiB: Float64Array;
  readonly demandMhz: Float64Array;
  /** Writes the VM's utilization history (oldest first) into `out`; returns how many values. */
  history(vm: number, out: Float64Array): number;
}

/** Picks which VM to move off an overloaded host (Beloglazov & Buyya, CCPE 2012). */
export interface VmSelector {
  readonly name: string;
  /** Returns one of candidates[0..count). */
  select(candidates: Int32Array, count: number, view: SelectionView, rng: RandomStream): number;
}

/** The candidate with the least key (ties: the lowest VM index). */
export function leastBy(candidates: Int32Array, count: number, key: Float64Array): number {
  let best = candidates[0]!;
  for (let i = 1; i < count; i++) {
    const vm = candidates[i]!;
    if (key[vm]! < key[best]! || (key[vm] === key[best] && vm < best)) best = vm;
  }
  return best;
}
