import { area, line, max, scaleLinear } from 'd3';
import { fmt1, fmtInt } from '../common/number-format.js';
import { escapeHtml } from './escape-html.js';
import {
  bottomAxis,
  closeChart,
  leftAxis,
  leftMargin,
  legend,
  legendRows,
  legendTop,
  openChart,
  tickCount,
  type LegendItem,
  type PlotArea,
} from './chart-frame.js';
import { decimate, type Point } from './decimate.js';
import { tickFormatter } from './chart-numbers.js';
import { timeUnitFor } from './time-axis.js';

export interface LineSeries {
  label: string;
  /** One value per interval, in the chart's y unit; non-finite values leave a gap. */
  values: ArrayLike<number>;
  color: string;
  /** `area` fills down to zero; `dashed` is for references such as capacity. */
  style?: 'line' | 'area' | 'dashed';
}

export interface LineChartSpec {
  /** The `data-chart` name. */
  name: string;
  title: string;
  subtitle?: string;
  /** Start of each interval in seconds; values are interval means drawn at interval midpoints. */
  startSeconds: ArrayLike<number>;
  intervalSeconds: number;
  series: LineSeries[];
  /** Y-axis label with its unit, e.g. `CPU (GHz)`. */
  yLabel: string;
  /** Values are 0..1 fractions shown as percentages. */
  yPercent?: boolean;
  /** Lowest top of the y axis (1 for 100 %); the axis grows past it when the data does. */
  yMax?: number;
  width?: number;
  height?: number;
}

/**
 * A time-series chart: one `path.mark` per series (areas and lines alike), a time axis in
 * hours or days, and a legend. Long series are decimated to min/max pairs per pixel column,
 * which keeps peaks and the SVG small.
 */
export function renderLineChart(spec: LineChartSpec): string {
  const width = spec.width ?? 960;
  const height = spec.height ?? 300;
  const n = spec.startSeconds.length;
  const t0 = n > 0 ? spec.startSeconds[0]! : 0;
  const t1 = n > 0 ? spec.startSeconds[n - 1]! + spec.intervalSeconds : spec.intervalSeconds;
  const unit = timeUnitFor(t1 - t0);
  const dataMax = max(spec.series, (s) => finiteMax(s.values)) ?? 0;
  const yTop = Math.max(spec.yMax ?? 0, dataMax) || 1;
  const y = scaleLinear().domain([0, yTop]).nice(5);
  const [y0, y1] = y.domain() as [number, number];
  const yTicks = y.ticks(5);
  const yFormat = tickFormatter(y0, y1, 5, spec.yPercent);
  const items: LegendItem[] = spec.series.map((s) => ({ label: s.label, color: s.color, swatch: s.style ?? 'line' }));
  const left = leftMargin(yTicks.map(yFormat));
  // A legend that wraps pushes the plot down (and the chart grows by as much).
  const extra = 18 * (legendRows(items, width - 16 - left) - 1);
  const top = legendTop(Boolean(spec.subtitle)) + 18 + extra;
  const plot: PlotArea = { left, top, right: width - 16, bottom: height + extra - 40 };
  y.range([plot.bottom, plot.top]);
  const x = scaleLinear().domain([t0 / unit.seconds, t1 / unit.seconds]).range([plot.left, plot.right]);
  const xTicks = x.ticks(tickCount(plot.right - plot.left));
  const xFormat = xTicks.every(Number.isInteger) ? fmtInt : fmt1;

  let out = openChart(spec.name, 'line', width, height + extra, spec.title, spec.subtitle);
  out += leftAxis(yTicks, y, yFormat, plot, spec.yLabel);
  out += bottomAxis(xTicks, x, xFormat, plot, `Time (${unit.name})`);
  for (const series of spec.series) {
    const points = seriesPoints(series.values, spec.startSeconds, spec.intervalSeconds, unit.seconds, x, y);
    out += seriesPath(series, points, y(0));
  }
  out += hoverColumns(spec, unit, x, plot, (v) => (spec.yPercent ? `${fmt1(v * 100)}%` : fmtValue(v)));
  out += legend(items, plot.left, legendTop(Boolean(spec.subtitle)), plot.right - plot.left);
  return out + closeChart();
}

/** At most this many hover columns per chart: enough to read any hour of a month, small on disk. */
const MAX_HOVER_COLUMNS = 240;

/**
 * Values on hover without scripts: invisible columns over the plot, each with an SVG `<title>`
 * giving its time span and every series' value there (the mean when a column spans several
 * intervals). Not marks: they carry no data of their own.
 */
function hoverColumns(spec: LineChartSpec, unit: { seconds: number; name: string }, x: (v: number) => number, plot: PlotArea, format: (v: number) => string): string {
  const n = spec.startSeconds.length;
  if (n === 0 || spec.series.length === 0) return '';
  const per = Math.ceil(n / MAX_HOVER_COLUMNS);
  let out = '<g class="hover" fill="transparent">';
  for (let from = 0; from < n; from += per) {
    const to = Math.min(n, from + per);
    const t0 = spec.startSeconds[from]! / unit.seconds;
    const t1 = (spec.startSeconds[to - 1]! + spec.intervalSeconds) / unit.seconds;
    const values = spec.series.map((series) => {
      let sum = 0;
      let count = 0;
      for (let i = from; i < to; i++) {
        const v = series.values[i]!;
        if (Number.isFinite(v)) {
          sum += v;
          count++;
        }
      }
      return `${series.label} ${count > 0 ? format(sum / count) : 'n/a'}`;
    });
    const x0 = x(t0);
    // Enough decimals that a column's start and end differ (a week in days: 0.031-0.063).
    const decimals = Math.min(3, Math.max(1, Math.ceil(-Math.log10(t1 - t0)) + 1));
    const text = `${t0.toFixed(decimals)}-${t1.toFixed(decimals)} ${unit.name}: ${values.join('; ')}`;
    out += `<rect x="${x0.toFixed(1)}" y="${plot.top}" width="${Math.max(0.5, x(t1) - x0).toFixed(1)}" height="${plot.bottom - plot.top}"><title>${escapeHtml(text)}</title></rect>`;
  }
  return out + '</g>';
}

/** Up to 4 significant digits with thousands separators: hover text, not an axis. */
function fmtValue(v: number): string {
  return Math.abs(v) >= 1000 ? fmtInt(v) : Math.abs(v) >= 10 ? fmt1(v) : v.toFixed(3).replace(/\.?0+$/, '');
}

function seriesPoints(
  values: ArrayLike<number>,
  starts: ArrayLike<number>,
  intervalSeconds: number,
  unitSeconds: number,
  x: (v: number) => number,
  y: (v: number) => number,
): Point[] {
  const points: Point[] = [];
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    points.push([x((starts[i]! + intervalSeconds / 2) / unitSeconds), Number.isFinite(v) ? y(v) : NaN]);
  }
  return decimate(points);
}

function seriesPath(series: LineSeries, points: Point[], baseline: number): string {
  const label = escapeHtml(series.label);
  const c = series.color;
  if (series.style === 'area') {
    const d = area<Point>()
      .defined((p) => Number.isFinite(p[1]))
      .x((p) => p[0])
      .y0(baseline)
      .y1((p) => p[1])
      .digits(1)(points);
    return `<path class="mark" data-series="${label}" d="${d ?? ''}" fill="${c}" fill-opacity="0.3" stroke="${c}" stroke-width="1.25"><title>${label}</title></path>`;
  }
  const d = line<Point>()
    .defined((p) => Number.isFinite(p[1]))
    .digits(1)(points);
  const dash = series.style === 'dashed' ? ' stroke-dasharray="5 4"' : '';
  return `<path class="mark" data-series="${label}" d="${d ?? ''}" fill="none" stroke="${c}" stroke-width="1.75"${dash} stroke-linejoin="round"><title>${label}</title></path>`;
}

function finiteMax(values: ArrayLike<number>): number {
  let m = 0;
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    if (Number.isFinite(v) && v > m) m = v;
  }
  return m;
}
