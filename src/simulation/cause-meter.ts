import type { Integrals } from './integrals.js';
import type { SimState } from './sim-state.js';
import { Hot } from './vm-hot.js';

/**
 * Demand a VM loses to one deliberate interruption (a patch, a boot in place, a hypervisor
 * hand-over), measured between begin() and end() without a new integral on the hot path: the
 * growth of the VM's unmet demand over the window, less what the causes already named in the
 * integrals claim in it (host down, above its size, migration). A VM that crashes during the
 * window is thus never counted twice. Totals are MHz x ms.
 */
export class CauseMeter {
  private readonly openAt: Float64Array;
  private readonly open: Uint8Array;
  totalInt = 0;

  constructor(
    private readonly s: SimState,
    private readonly integrals: Integrals,
  ) {
    this.openAt = new Float64Array(s.vmCount);
    this.open = new Uint8Array(s.vmCount);
  }

  /** Starts counting `vm`'s unmet demand for this cause (a second begin before end is ignored). */
  begin(vm: number, atMs: number): void {
    if (this.open[vm]) return;
    this.integrals.touchVm(vm, atMs);
    this.openAt[vm] = this.unclaimed(vm);
    this.open[vm] = 1;
  }

  /** Stops counting `vm` and adds what it lost in the window; returns that, MHz x ms. */
  end(vm: number, atMs: number): number {
    if (!this.open[vm]) return 0;
    this.integrals.touchVm(vm, atMs);
    this.open[vm] = 0;
    const lost = Math.max(0, this.unclaimed(vm) - this.openAt[vm]!);
    this.totalInt += lost;
    return lost;
  }

  /**
   * Brings `vm`'s and `host`'s integrals up to `atMs` before their rates change outside the
   * sample path (a rate changed without this would be integrated from the last touch).
   */
  touch(vm: number, host: number, atMs: number): void {
    this.integrals.touchVm(vm, atMs);
    this.integrals.touchHost(host, atMs);
  }

  isOpen(vm: number): boolean {
    return this.open[vm] === 1;
  }

  /** Closes every open window at the end of the run. */
  finish(atMs: number): void {
    for (let vm = 0; vm < this.open.length; vm++) if (this.open[vm]) this.end(vm, atMs);
  }

  /** Unmet demand so far that no named cause claims, MHz x ms. */
  private unclaimed(vm: number): number {
    const v = this.s.vm;
    const r = vm * Hot.Stride;
    return this.s.vm.vmHot[r + Hot.DemandInt]! - this.s.vm.vmHot[r + Hot.ServedInt]! - v.vmLostInt[vm]! - v.vmAboveSizeInt[vm]! - v.vmDegradedInt[vm]!;
  }
}
