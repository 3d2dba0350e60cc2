import type { SimState } from '../sim-state.js';

/**
 * CloudSim 3.0.3's SLA metrics from its state histories (examples.power.Helper):
 * - SLATAH (getSlaTimePerActiveHost): time hosts spent with allocated < requested MIPS over the
 *   time they were active, pooled over all hosts. A migration's destination requests the
 *   incoming VM's full MIPS and is allocated 10% of it, so it violates for the whole copy.
 * - PDM (getSlaMetrics "underallocated_migration"): MIPS under-allocated to migrating VMs over
 *   all MIPS requested, pooled over all VMs.
 * Each entry holds from its processing until the next one; the meter opens and closes them.
 */
export class CloudsimSla {
  private violationMs = 0;
  private activeMs = 0;
  private underMipsMs = 0;
  private requestedMipsMs = 0;
  private readonly destinationViolates: boolean;
  private readonly pooledPdm: boolean;

  constructor(private readonly s: SimState) {
    const switches = s.options.compat!.switches;
    this.destinationViolates = switches.destinationSlatah;
    this.pooledPdm = switches.pooledPdm;
  }

  /** A migrating-in VM's request as its destination's history records it (rackplan: what it gets). */
  destinationRequest(request: number): number {
    return this.destinationViolates ? request : 0.1 * request;
  }

  /** Closes every open entry at `atMs` (the next processing): each held since the last one. */
  close(entryMs: number, atMs: number): void {
    const s = this.s;
    const h = s.host;
    const v = s.vm;
    const dt = atMs - entryMs;
    for (let host = 0; host < s.hostCount; host++) {
      if (!h.csPendingActive[host]) continue;
      this.activeMs += dt;
      if (h.csPendingViolating[host]) this.violationMs += dt;
    }
    for (let vm = 0; vm < s.vmCount; vm++) {
      if (!v.csVmEntry[vm]) continue;
      const requested = v.csVmRequested[vm]! * dt;
      const under = v.csVmInMigration[vm] && v.csVmAllocated[vm]! < v.csVmRequested[vm]! ? (v.csVmRequested[vm]! - v.csVmAllocated[vm]!) * dt : 0;
      v.csVmRequestedInt[vm] = v.csVmRequestedInt[vm]! + requested;
      v.csVmUnderInt[vm] = v.csVmUnderInt[vm]! + under;
      this.requestedMipsMs += requested;
      this.underMipsMs += under;
      v.csVmEntry[vm] = 0;
    }
  }

  /** slatah and pdm as fractions; pdm is rackplan's mean over VMs with the switch off. */
  result(): { slatah: number; pdm: number } {
    const slatah = this.activeMs > 0 ? this.violationMs / this.activeMs : 0;
    if (this.pooledPdm) return { slatah, pdm: this.requestedMipsMs > 0 ? this.underMipsMs / this.requestedMipsMs : 0 };
    const v = this.s.vm;
    let sum = 0;
    let count = 0;
    for (let vm = 0; vm < this.s.vmCount; vm++) {
      if (!(v.csVmRequestedInt[vm]! > 0)) continue;
      sum += v.csVmUnderInt[vm]! / v.csVmRequestedInt[vm]!;
      count++;
    }
    return { slatah, pdm: count > 0 ? sum / count : 0 };
  }
}
