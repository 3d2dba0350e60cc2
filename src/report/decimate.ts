/** A point in SVG pixels; y is NaN for a gap. */
export type Point = [number, number];

/**
 * Reduces a polyline with more points than pixel columns to, per column, its first point, its
 * lowest and highest points and its last point, in their original order. What the eye sees is
 * unchanged (every peak and trough stays) while the path shrinks to a few points per pixel.
 * Gaps (NaN) are kept as they are.
 */
export function decimate(points: Point[]): Point[] {
  if (points.length < 2) return points;
  const span = Math.abs(points[points.length - 1]![0] - points[0]![0]);
  if (points.length <= 2 * Math.max(1, span)) return points;
  const out: Point[] = [];
  let column: Point[] = [];
  let columnKey = NaN;
  for (const p of points) {
    const key = Math.floor(p[0]);
    if (key !== columnKey || !Number.isFinite(p[1])) {
      flush(column, out);
      column = [];
      columnKey = key;
    }
    if (!Number.isFinite(p[1])) {
      out.push(p);
      columnKey = NaN;
      continue;
    }
    column.push(p);
  }
  flush(column, out);
  return out;
}

function flush(column: Point[], out: Point[]): void {
  if (column.length <= 4) {
    out.push(...column);
    return;
  }
  let lo = 0;
  let hi = 0;
  for (let i = 1; i < column.length; i++) {
    if (column[i]![1] < column[lo]![1]) lo = i;
    if (column[i]![1] > column[hi]![1]) hi = i;
  }
  const keep = [...new Set([0, lo, hi, column.length - 1])].sort((a, b) => a - b);
  for (const i of keep) out.push(column[i]!);
}
