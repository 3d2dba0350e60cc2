/**
 * Per-VM CPU use (MHz) at each consolidation round, in a ring of `length` rounds. Every VM gets
 * a value every round (0 when not running), so all histories are aligned and a host's history
 * is the plain sum of its VMs'.
 */
export class VmHistory {
  readonly length: number;
  private readonly values: Float64Array;
  private rounds = 0;

  constructor(vmCount: number, length: number) {
    this.length = length;
    this.values = new Float64Array(vmCount * length);
  }

  /** Rounds recorded, up to the ring length. */
  get count(): number {
    return Math.min(this.rounds, this.length);
  }

  record(want: Float64Array, running: (vm: number) => boolean): void {
    const slot = this.rounds % this.length;
    const n = want.length;
    for (let vm = 0; vm < n; vm++) this.values[vm * this.length + slot] = running(vm) ? want[vm]! : 0;
    this.rounds++;
  }

  /** Writes the VM's history, oldest first, into `out`; returns how many values. */
  read(vm: number, out: Float64Array): number {
    const n = this.count;
    const base = vm * this.length;
    const oldest = this.rounds - n;
    for (let k = 0; k < n; k++) out[k] = this.values[base + ((oldest + k) % this.length)]!;
    return n;
  }
}
