import type { SimHooks } from './hooks.js';
import type { HostPower } from './host-power.js';
import type { Integrals } from './integrals.js';
import type { RackBudgets } from './rack-budgets.js';
import type { SimState } from './sim-state.js';

/**
 * Hosts leaving and rejoining service (a failure, an upgrade). A host is back in service only
 * when no outage covers it and it is not in maintenance; then it is a placement target again,
 * switched on unless idle hosts are kept off, and VMs waiting for capacity get another try.
 */
export class HostAvailability {
  constructor(
    private readonly s: SimState,
    private readonly integrals: Integrals,
    private readonly power: HostPower,
    private readonly hooks: SimHooks,
    private readonly racks: RackBudgets | null = null,
  ) {}

  /** The host stops counting as in service; the caller ends what ran there, then cuts power. */
  takeOut(host: number, atMs: number): void {
    this.integrals.touchHost(host, atMs);
    this.s.hostsDown++;
    this.s.view.available[host] = 0;
  }

  /** One reason for the host to be down ended; it returns if none is left. */
  comeBack(host: number, atMs: number): void {
    const s = this.s;
    this.integrals.touchHost(host, atMs);
    s.hostsDown--;
    if (s.host.hostInMaintenance[host] || s.host.hostDownCount[host]! > 0) return;
    s.view.available[host] = 1;
    // Kept-on hosts come back on, unless their rack's power budget is taken meanwhile.
    if (!s.options.power.switchOffIdle && (!this.racks || this.racks.allowsPowerOn(host))) this.power.powerOn(host, atMs);
    this.hooks.fireCapacityFreed(atMs);
  }
}
