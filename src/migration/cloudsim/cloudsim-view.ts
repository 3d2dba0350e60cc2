/**
 * What CloudSim 3.0.3's migration policy (PowerVmAllocationPolicyMigrationAbstract) reads in one
 * round, as the compatibility mode's simulation hands it over. The simulation owns the arrays;
 * the planner copies what it changes (CloudSim mutates its hosts while planning and restores
 * them afterwards: saveAllocation / restoreAllocation).
 */
export interface CloudsimView {
  readonly hostCount: number;
  /** Host MIPS (all cores) and one core's MIPS. */
  readonly hostMips: Float64Array;
  readonly hostPeMips: Float64Array;
  /** Hosts of one class have the same MIPS, cores and power curve (and so rank alike when empty). */
  readonly hostClass: Int32Array;
  /** Utilization (0..1) from this round's processing, before any move: PowerHost.getUtilizationOfCpu(). */
  readonly hostUtilization: Float64Array;
  /** 11-point power curve of each host. */
  powerCurve(host: number): Float64Array;
  /** Writes the host's VMs in CloudSim's list order (arrival order) into `out`; returns the count. */
  vmsOn(host: number, out: Int32Array): number;
  readonly vmCount: number;
  /** Requested MIPS now (utilization x VM MIPS, uncapped). */
  readonly vmRequestedMips: Float64Array;
  readonly vmMips: Float64Array;
  readonly vmRamMb: Float64Array;
  readonly vmMigrating: Uint8Array;
  /** Writes a VM's requested MIPS per round, oldest first (newest = now); returns the count. */
  vmHistory(vm: number, out: Float64Array): number;
  readonly historyLength: number;
  /** Seconds a migration of a VM with this much RAM takes (CloudSim: RAM / (bandwidth / 2)). */
  migrationSeconds(ramMb: number): number;
  readonly intervalSeconds: number;
}
