/**
 * Rare events that modules further up the list react to without the lower modules knowing
 * them: HA retries waiting VMs when capacity frees up, and forgets a waiting VM that leaves.
 * The per-sample path never goes through a hook.
 */
export class SimHooks {
  /** A VM departed (the end of its trace). */
  readonly vmLeft: ((vm: number, atMs: number) => void)[] = [];
  /** Capacity may have freed up: a VM left, a host came back, a consolidation round ended. */
  readonly capacityFreed: ((atMs: number) => void)[] = [];

  fireVmLeft(vm: number, atMs: number): void {
    for (const hook of this.vmLeft) hook(vm, atMs);
  }

  fireCapacityFreed(atMs: number): void {
    for (const hook of this.capacityFreed) hook(atMs);
  }
}
