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
  out += legend(items, plot.left, legendTop(Boolean(spec.subtitle)), plot.right - plot.left);
  return out + closeChart();
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
    return `<path class="mark" data-series="${label}" d="${d ?? ''}" fill="${c}" fill-opacity="0.3" stroke="${c}" stroke-width="1.25"/>`;
  }
  const d = line<Point>()
    .defined((p) => Number.isFinite(p[1]))
    .digits(1)(points);
  const dash = series.style === 'dashed' ? ' stroke-dasharray="5 4"' : '';
  return `<path class="mark" data-series="${label}" d="${d ?? ''}" fill="none" stroke="${c}" stroke-width="1.75"${dash} stroke-linejoin="round"/>`;
}

function finiteMax(values: ArrayLike<number>): number {
  let m = 0;
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    if (Number.isFinite(v) && v > m) m = v;
  }
  return m;
}
