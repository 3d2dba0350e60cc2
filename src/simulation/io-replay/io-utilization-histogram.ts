/**
 * Percentiles of utilization samples (0..1) from a histogram with 0.01% bins, as the CPU's
 * utilizationP95 is computed; anything above 1 lands in the last bin.
 */
export class UtilizationHistogram {
  private static readonly BINS = 10_000;
  private readonly counts = new Float64Array(UtilizationHistogram.BINS + 1);
  private count = 0;

  add(utilization: number): void {
    const bins = UtilizationHistogram.BINS;
    this.counts[Math.min(bins, Math.max(0, Math.round(utilization * bins)))]!++;
    this.count++;
  }

  /** The p-quantile (0 < p <= 1) of the samples added, 0 when there are none. */
  quantile(p: number): number {
    if (this.count === 0) return 0;
    const bins = UtilizationHistogram.BINS;
    const target = Math.ceil(p * this.count);
    let seen = 0;
    for (let b = 0; b <= bins; b++) {
      seen += this.counts[b]!;
      if (seen >= target) return b / bins;
    }
    return 1;
  }
}
