/** What a run leaves about its racks: per rack, limits and what was drawn against them. */
export interface RackRecord {
  ids: readonly string[];
  /** W; Infinity when the rack has no budget. */
  powerBudgetW: Float64Array;
  /** 0 when not given. */
  slots: Int32Array;
  hosts: Int32Array;
  /** Highest report-interval mean of the rack's measured power, W. */
  peakPowerW: Float64Array;
  /** Highest sum, at a report tick, of the peak power of the rack's powered-on hosts, W. */
  peakRatedOnW: Float64Array;
  /** Hosts left off at the start because switching them on would have broken the budget. */
  hostsHeldOff: number;
}
