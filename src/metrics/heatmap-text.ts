import { formatNumber, HEATMAP_DECIMALS } from './run-files.js';

const texts = new WeakMap<Float64Array, string[]>();

/**
 * Each host-utilization.csv cell's text (HEATMAP_DECIMALS decimals; empty while the host is
 * off), made once per heatmap: the CSV and the report's as-written copy of the run both need
 * every cell, ~230,000 for a day at 5-minute buckets on 800 hosts. Kept per utilization array,
 * which a finished run never changes.
 */
export function heatmapCellTexts(utilization: Float64Array): readonly string[] {
  let cells = texts.get(utilization);
  if (cells) return cells;
  cells = new Array<string>(utilization.length);
  for (let i = 0; i < utilization.length; i++) cells[i] = formatNumber(utilization[i]!, HEATMAP_DECIMALS);
  texts.set(utilization, cells);
  return cells;
}
