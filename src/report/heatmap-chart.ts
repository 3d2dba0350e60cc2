import { scaleLinear } from 'd3';
import { fmt1, fmtInt } from '../common/number-format.js';
import { escapeHtml } from './escape-html.js';
import { bottomAxis, closeChart, legendTop, openChart, tickCount, type PlotArea } from './chart-frame.js';
import { px } from './chart-numbers.js';
import { HEATMAP_BIN_COLORS, HEATMAP_BIN_EDGES, HEATMAP_EMPTY_COLOR } from './palette.js';
import { EMPTY_BIN, heatmapCells } from './heatmap-cells.js';
import { formatDuration, timeUnitFor } from './time-axis.js';

/** At most this many rows are drawn; more hosts are grouped into consecutive runs. */
export const MAX_HEATMAP_ROWS = 200;
/** ...and rows x buckets stays under this many cells, so the page stays small. */
export const MAX_HEATMAP_CELLS = 30_000;

export interface HeatmapSpec {
  name: string;
  title: string;
  /** Row ids in display order (host ids). */
  rowIds: string[];
  buckets: number;
  bucketSeconds: number;
  /** Row-major rowIds.length x buckets, 0..1 (values above 1 share the top bin). */
  values: ArrayLike<number>;
  /** What a row is, singular and plural: `host`, `hosts`. */
  rowNoun?: [string, string];
  width?: number;
}

export interface HeatmapGrouping {
  /** Consecutive source rows merged into one drawn row (the last row may hold fewer). */
  groupSize: number;
  /** Rows drawn. */
  rows: number;
}

/**
 * How many source rows go into each drawn row: 1 when they fit, otherwise the smallest group
 * size that keeps rows <= MAX_HEATMAP_ROWS and rows x buckets <= MAX_HEATMAP_CELLS.
 */
export function heatmapGrouping(sourceRows: number, buckets: number): HeatmapGrouping {
  const maxRows = Math.max(1, Math.min(MAX_HEATMAP_ROWS, Math.floor(MAX_HEATMAP_CELLS / Math.max(1, buckets))));
  const groupSize = Math.max(1, Math.ceil(sourceRows / maxRows));
  return { groupSize, rows: Math.ceil(sourceRows / groupSize) };
}

/**
 * Host x time heatmap, cells colored in the bins of HEATMAP_BIN_EDGES (5 % steps up to 20 %);
 * a host off for a whole bucket is grey. A cell is the mean of the finite values of its group;
 * empty when none. The cells are drawn whichever way is smaller (heatmap-cells.ts): one
 * `rect.mark` per cell, or one `image.mark` holding a data: PNG with a pixel per cell. Either
 * way each drawn row carries an invisible hover band whose `<title>` gives the row's values,
 * so the page holds at most a few hundred titles, never one per cell.
 */
export function renderHeatmap(spec: HeatmapSpec): string {
  const [one, many] = spec.rowNoun ?? ['host', 'hosts'];
  const width = spec.width ?? 960;
  const grouping = heatmapGrouping(spec.rowIds.length, spec.buckets);
  const rowHeight = Math.max(2, Math.min(14, 400 / Math.max(1, grouping.rows)));
  const top = legendTop(true) + 34;
  const plotHeight = grouping.rows * rowHeight;
  const plot: PlotArea = { left: 120, top, right: width - 16, bottom: top + plotHeight };
  const height = plot.bottom + 44;
  const cellWidth = (plot.right - plot.left) / Math.max(1, spec.buckets);
  const subtitle = groupingText(spec, grouping, one, many);

  let out = openChart(spec.name, 'heatmap', width, height, spec.title, subtitle);
  out += binLegend(plot.left, legendTop(true));
  const bins = cellBins(groupMeans(spec, grouping));
  out += heatmapCells(bins, grouping.rows, spec.buckets, plot, cellWidth, rowHeight);
  out += rowHovers(spec, grouping, bins, plot, rowHeight, one, many);
  out += rowLabels(spec.rowIds, grouping, plot, rowHeight);
  const span = spec.buckets * spec.bucketSeconds;
  const unit = timeUnitFor(span);
  const x = scaleLinear().domain([0, span / unit.seconds]).range([plot.left, plot.right]);
  const ticks = x.ticks(tickCount(plot.right - plot.left));
  out += bottomAxis(ticks, x, ticks.every(Number.isInteger) ? fmtInt : fmt1, plot, `Time (${unit.name})`);
  return out + closeChart();
}

/** CSS for the heatmap cells (unit squares), the bin colors and the invisible row hover bands. */
export const HEATMAP_CSS =
  'svg.chart .hm rect { width: 1px; height: 1px; }\n' +
  'svg.chart .hm-img { image-rendering: pixelated; }\n' +
  'svg.chart .hm-rows rect { fill: transparent; }\n' +
  HEATMAP_BIN_COLORS.map((c, i) => `svg.chart .hm .q${i} { fill: ${c}; }`).join('\n') +
  `\nsvg.chart .hm .qx { fill: ${HEATMAP_EMPTY_COLOR}; }\n`;

function groupingText(spec: HeatmapSpec, g: HeatmapGrouping, one: string, many: string): string {
  const bucket = formatDuration(spec.bucketSeconds);
  const count = spec.rowIds.length;
  if (g.groupSize === 1) {
    return `${fmtInt(count)} ${count === 1 ? one : many}, one row each; each cell is the mean over ${bucket}`;
  }
  const last = count - (g.rows - 1) * g.groupSize;
  const lastText = last === g.groupSize ? '' : ` (last row: ${fmtInt(last)})`;
  return (
    `${fmtInt(count)} ${many} in ${fmtInt(g.rows)} rows of ${fmtInt(g.groupSize)} consecutive ${many}${lastText}; ` +
    `each cell is the row's mean over ${bucket}`
  );
}

function groupMeans(spec: HeatmapSpec, g: HeatmapGrouping): Float64Array {
  const out = new Float64Array(g.rows * spec.buckets);
  for (let r = 0; r < g.rows; r++) {
    const first = r * g.groupSize;
    const last = Math.min(spec.rowIds.length, first + g.groupSize);
    for (let b = 0; b < spec.buckets; b++) {
      let sum = 0;
      let n = 0;
      for (let h = first; h < last; h++) {
        const v = spec.values[h * spec.buckets + b]!;
        if (Number.isFinite(v)) {
          sum += v;
          n++;
        }
      }
      out[r * spec.buckets + b] = n > 0 ? sum / n : NaN;
    }
  }
  return out;
}

/** Bin class of a 0..1 value: q<i> for the last HEATMAP_BIN_EDGES edge at or below it; qx when empty (off). */
export function binClass(value: number): string {
  const bin = binIndex(value);
  return bin === EMPTY_BIN ? 'qx' : `q${bin}`;
}

/** Bin index of a 0..1 value (as binClass), EMPTY_BIN when there is none. */
export function binIndex(value: number): number {
  if (!Number.isFinite(value)) return EMPTY_BIN;
  let bin = 0;
  while (bin + 1 < HEATMAP_BIN_EDGES.length && value + 1e-9 >= HEATMAP_BIN_EDGES[bin + 1]!) bin++;
  return bin;
}

/** Cells of a drawn grid: the group mean and its bin, row-major. */
interface CellBins {
  means: Float64Array;
  bins: Uint8Array;
}

function cellBins(means: Float64Array): CellBins {
  const bins = new Uint8Array(means.length);
  for (let i = 0; i < means.length; i++) bins[i] = binIndex(means[i]!);
  return { means, bins };
}

/**
 * One invisible band per drawn row with the row's hosts, mean and peak utilization, and share
 * of buckets off, as a `<title>`: hover values without a title per cell.
 */
function rowHovers(spec: HeatmapSpec, g: HeatmapGrouping, cells: CellBins, plot: PlotArea, rowHeight: number, one: string, many: string): string {
  let out = `<g class="hm-rows">`;
  const width = px(plot.right - plot.left);
  const height = px(rowHeight);
  for (let r = 0; r < g.rows; r++) {
    const first = r * g.groupSize;
    const last = Math.min(spec.rowIds.length, first + g.groupSize) - 1;
    const who = first === last ? `${one} ${spec.rowIds[first]}` : `${many} ${spec.rowIds[first]} … ${spec.rowIds[last]} (${fmtInt(last - first + 1)})`;
    let sum = 0;
    let n = 0;
    let peak = 0;
    for (let b = 0; b < spec.buckets; b++) {
      const v = cells.means[r * spec.buckets + b]!;
      if (!Number.isFinite(v)) continue;
      sum += v;
      n++;
      peak = Math.max(peak, v);
    }
    const off = spec.buckets - n;
    const values = n > 0 ? `mean ${fmtPct1(sum / n)}, peak ${fmtPct1(peak)}` : 'no load';
    const offText = off > 0 ? `, off ${fmtPct1(off / spec.buckets)} of the time` : '';
    out += `<rect x="${px(plot.left)}" y="${px(plot.top + r * rowHeight)}" width="${width}" height="${height}"><title>${escapeHtml(`${who}: ${values}${offText}`)}</title></rect>`;
  }
  return out + '</g>';
}

function fmtPct1(fraction: number): string {
  return `${fmt1(fraction * 100)}%`;
}

function binLegend(x: number, y: number): string {
  let out = `<g class="legend"><text class="lg" x="${x}" y="${y}" dy="0.32em">CPU utilization</text>`;
  const x0 = x + 100;
  HEATMAP_BIN_COLORS.forEach((color, i) => {
    out += `<rect x="${x0 + i * 34}" y="${y - 6}" width="34" height="12" fill="${color}"/>`;
  });
  // Edge labels under the boundaries; the unequal steps are the point (5 % steps where loads are).
  HEATMAP_BIN_EDGES.forEach((edge, i) => {
    if (i % 2 === 0 || i === 1) out += `<text class="tk" x="${x0 + i * 34}" y="${y + 18}" text-anchor="middle">${Math.round(edge * 100)}%</text>`;
  });
  const off = x0 + HEATMAP_BIN_COLORS.length * 34 + 14;
  out += `<rect x="${off}" y="${y - 6}" width="20" height="12" fill="${HEATMAP_EMPTY_COLOR}"/>`;
  out += `<text class="lg" x="${off + 24}" y="${y}" dy="0.32em">off</text>`;
  return out + '</g>';
}

/** Labels a handful of rows with the first id of their group, evenly spaced. */
function rowLabels(ids: string[], g: HeatmapGrouping, plot: PlotArea, rowHeight: number): string {
  const every = Math.max(1, Math.ceil(14 / rowHeight));
  let out = '<g>';
  for (let r = 0; r < g.rows; r += every) {
    const id = ids[r * g.groupSize]!;
    const chars = [...id];
    const shown = chars.length > 18 ? `${chars.slice(0, 17).join('')}…` : id;
    const y = px(plot.top + (r + 0.5) * rowHeight);
    out += `<text class="tk" x="${plot.left - 6}" y="${y}" dy="0.32em" text-anchor="end">${escapeHtml(shown)}</text>`;
  }
  return out + '</g>';
}
