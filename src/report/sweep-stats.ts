import type { SweepRunRecord } from '../sweep/sweep-result.js';

/** Two-sided 95% Student t critical values for 1..30 degrees of freedom; 1.96 beyond. */
const T95 = [12.706, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365, 2.306, 2.262, 2.228, 2.201, 2.179, 2.16, 2.145, 2.131, 2.12, 2.11, 2.101, 2.093, 2.086, 2.08, 2.074, 2.069, 2.064, 2.06, 2.056, 2.052, 2.048, 2.045, 2.042];

export interface MeanWithCi {
  mean: number;
  /** Half-width of the 95% confidence interval of the mean (t-distribution); null with one run. */
  ci95: number | null;
  runs: number;
}

/** Mean and 95% CI of `values` (the seeds of one setting); null when there are none. */
export function meanWithCi(values: readonly number[]): MeanWithCi | null {
  const n = values.length;
  if (n === 0) return null;
  const mean = values.reduce((s, v) => s + v, 0) / n;
  if (n === 1) return { mean, ci95: null, runs: 1 };
  const variance = values.reduce((s, v) => s + (v - mean) ** 2, 0) / (n - 1);
  const t = T95[n - 2] ?? 1.96;
  return { mean, ci95: (t * Math.sqrt(variance)) / Math.sqrt(n), runs: n };
}

/**
 * Short labels for an axis's values: plain values as text; objects by only the keys whose
 * values differ between them (`overload=thr, safety=0.8`), so five policies do not all read
 * `{"overload":...`.
 */
export function axisValueLabels(values: readonly unknown[]): string[] {
  const plain = (v: unknown) => (v === null ? '(none)' : typeof v === 'string' ? v : JSON.stringify(v));
  const objects = values.every((v) => v !== null && typeof v === 'object' && !Array.isArray(v));
  if (!objects || values.length < 2) return values.map(plain);
  const records = values as Record<string, unknown>[];
  const keys = [...new Set(records.flatMap((r) => Object.keys(r)))].sort();
  const differing = keys.filter((k) => new Set(records.map((r) => plain(r[k] ?? null))).size > 1);
  return records.map((r) => differing.map((k) => `${k}=${plain(r[k] ?? null)}`).join(', ') || plain(r));
}

/**
 * Runs on the Pareto front of two metrics to minimize (energy against SLA violation): no
 * other run is at least as good in both and better in one. By run index.
 */
export function paretoFront(records: readonly SweepRunRecord[], a: string, b: string): Set<number> {
  const points = records.flatMap((r) => {
    const x = r.metrics[a];
    const y = r.metrics[b];
    return typeof x === 'number' && typeof y === 'number' ? [{ index: r.index, x, y }] : [];
  });
  const front = new Set<number>();
  for (const p of points) {
    if (!points.some((q) => q.x <= p.x && q.y <= p.y && (q.x < p.x || q.y < p.y))) front.add(p.index);
  }
  return front;
}
