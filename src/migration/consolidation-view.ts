import type { PlacementView } from '../placement/placement-view.js';

export const HOST_OFF = 0;
export const HOST_ON = 1;
export const HOST_BOOTING = 2;
/** Failed or in maintenance: neither a source to relieve nor a destination. */
export const HOST_UNAVAILABLE = 3;

/**
 * What a consolidation round may read about the datacenter. The simulation owns the arrays;
 * the planner only reads them and returns decisions.
 */
export interface ConsolidationView {
  readonly hostCount: number;
  /** HOST_OFF, HOST_ON, HOST_BOOTING or HOST_UNAVAILABLE. */
  readonly hostState: Uint8Array;
  /** Guest-visible CPU, MHz. */
  readonly hostCapacityMhz: Float64Array;
  /** 11-point power curve of each host. */
  powerCurve(host: number): Float64Array;
  /** Writes the VMs on a host into `out` (any order, stable between calls); returns the count. */
  vmsOn(host: number, out: Int32Array): number;
  readonly vmCount: number;
  /** What each VM would use now on an uncontended host, MHz. */
  readonly vmWantMhz: Float64Array;
  readonly vmMemoryMiB: Float64Array;
  /** What each VM reserves on its host (fixed: its size; elastic: its minimum). */
  readonly vmReserveCpuMhz: Float64Array;
  readonly vmReserveMemoryMiB: Float64Array;
  /** 1 while a VM is migrating (it is left alone). */
  readonly vmMigrating: Uint8Array;
  /** Writes a VM's CPU history in MHz (oldest first, newest = now) into `out`; returns the count. */
  vmHistory(vm: number, out: Float64Array): number;
  /** Rounds of history recorded so far (the length every host history has, capped). */
  readonly historyLength: number;
  /** Intervals a migration off this host would take, for the regression detectors' look-ahead. */
  migrationSteps(host: number): number;
  /** Reservations, for the same filters placement uses. */
  readonly placement: PlacementView;
}

export interface ConsolidationSettings {
  detectorSafety: number;
  /** Used while a host's history is shorter than the detector needs. */
  fallbackThreshold: number;
  /** Try to empty the least-utilized hosts so that they can be switched off. */
  underload: boolean;
}

export interface Migration {
  vm: number;
  from: number;
  to: number;
  /** Why: relieve an overloaded host, or empty an underloaded one. */
  reason: 'overload' | 'underload';
}
