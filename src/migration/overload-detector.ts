/**
 * Decides from a host's CPU utilization history (oldest first, the newest value is now) whether
 * the host is overloaded. Detectors of Beloglazov & Buyya, "Optimal online deterministic
 * algorithms and adaptive heuristics for energy and performance efficient dynamic consolidation
 * of virtual machines in cloud data centers", CCPE 24(13), 2012.
 */
export interface OverloadDetector {
  readonly name: string;
  /** What the safety parameter means, for --help and errors. */
  readonly parameter: string;
  /** Fewer values than this: the static fallback threshold decides. */
  readonly minHistory: number;
  /**
   * How many of the newest values overloaded() and limit() read, when not all of them: the
   * planner then sums only those of a host's history.
   */
  readonly window?: number;
  /**
   * The utilization above which the host counts as overloaded now, from its history. For the
   * regression detectors it is the utilization whose prediction reaches 1 / safety.
   */
  overloaded(history: Float64Array, n: number, safety: number, stepsAhead: number, scratch: DetectorScratch): boolean;
  /**
   * A linear stand-in used to check destinations quickly: the most utilization (now) a host may
   * carry after receiving a VM. Regression detectors return NaN and are checked by prediction.
   */
  limit(history: Float64Array, n: number, safety: number, scratch: DetectorScratch): number;
}

export class DetectorScratch {
  values = new Float64Array(64);
  weights = new Float64Array(64);
  residuals = new Float64Array(64);
  fit = new Float64Array(2);

  ensure(n: number): void {
    if (this.values.length >= n) return;
    this.values = new Float64Array(n);
    this.weights = new Float64Array(n);
    this.residuals = new Float64Array(n);
  }
}
