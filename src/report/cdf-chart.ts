import { curveStepAfter, line, scaleLinear } from 'd3';
import { escapeHtml } from './escape-html.js';
import { bottomAxis, closeChart, leftAxis, leftMargin, legend, legendTop, openChart, tickCount, type PlotArea } from './chart-frame.js';
import { tickFormatter } from './chart-numbers.js';

/** Points drawn per CDF at most; the empirical CDF is sampled at evenly spaced ranks. */
export const CDF_MAX_POINTS = 400;

export interface CdfSeries {
  label: string;
  /** Samples; non-finite values are ignored. */
  values: ArrayLike<number>;
  color: string;
}

export interface CdfChartSpec {
  name: string;
  title: string;
  subtitle?: string;
  series: CdfSeries[];
  /** X-axis label with unit. */
  xLabel: string;
  /** Values are 0..1 fractions shown as percentages. */
  xPercent?: boolean;
  /** Fixed x-axis end; otherwise the largest sample. */
  xMax?: number;
  /** Y-axis label: what is counted, e.g. `Share of host-buckets`. */
  yLabel: string;
  width?: number;
  height?: number;
}

/**
 * Empirical CDFs, one `path.mark` per series that has at least one finite sample (a series
 * without samples is listed in the legend as `no data` and draws no mark). Y is the share of
 * samples <= x, 0..100 %.
 */
export function renderCdfChart(spec: CdfChartSpec): string {
  const width = spec.width ?? 470;
  const height = spec.height ?? 300;
  const top = legendTop(Boolean(spec.subtitle)) + 18;
  const plot: PlotArea = { left: leftMargin(['100%']), top, right: width - 16, bottom: height - 40 };
  const sorted = spec.series.map((s) => sortedFinite(s.values));
  const dataMax = Math.max(0, ...sorted.map((v) => (v.length > 0 ? v[v.length - 1]! : 0)));
  const x = scaleLinear()
    .domain([0, spec.xMax ?? (dataMax > 0 ? dataMax : 1)])
    .range([plot.left, plot.right])
    .nice(tickCount(plot.right - plot.left));
  const y = scaleLinear().domain([0, 1]).range([plot.bottom, plot.top]);
  const [x0, x1] = x.domain() as [number, number];

  let out = openChart(spec.name, 'cdf', width, height, spec.title, spec.subtitle);
  out += leftAxis(y.ticks(5), y, tickFormatter(0, 1, 5, true), plot, spec.yLabel);
  const xCount = tickCount(plot.right - plot.left);
  out += bottomAxis(x.ticks(xCount), x, tickFormatter(x0, x1, xCount, spec.xPercent), plot, spec.xLabel);
  spec.series.forEach((series, i) => {
    const values = sorted[i]!;
    if (values.length === 0) return;
    const points = cdfPoints(values, x1).map(([v, f]) => [x(v), y(f)] as [number, number]);
    const d = line().curve(curveStepAfter).digits(1)(points) ?? '';
    out += `<path class="mark" data-series="${escapeHtml(series.label)}" d="${d}" fill="none" stroke="${series.color}" stroke-width="1.75"/>`;
  });
  const items = spec.series.map((s, i) => ({
    label: sorted[i]!.length > 0 ? s.label : `${s.label} (no data)`,
    color: s.color,
    swatch: 'line' as const,
  }));
  out += legend(items, plot.left, legendTop(Boolean(spec.subtitle)), plot.right - plot.left);
  return out + closeChart();
}

/**
 * The empirical CDF as step points (value, share of samples <= value) for a step-after curve,
 * starting at (min, 0) and running flat to xEnd at share 1. Long inputs are sampled every
 * `step` ranks (at most CDF_MAX_POINTS points), so the drawn curve is never more than
 * step / n below the true one.
 */
export function cdfPoints(sorted: Float64Array, xEnd: number): [number, number][] {
  const n = sorted.length;
  const step = Math.max(1, Math.ceil(n / CDF_MAX_POINTS));
  const points: [number, number][] = [[sorted[0]!, 0]];
  for (let i = step - 1; ; i += step) {
    const k = Math.min(i, n - 1);
    points.push([sorted[k]!, (k + 1) / n]);
    if (k === n - 1) break;
  }
  points.push([Math.max(xEnd, sorted[n - 1]!), 1]);
  return points;
}

function sortedFinite(values: ArrayLike<number>): Float64Array {
  const out: number[] = [];
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    if (Number.isFinite(v)) out.push(v);
  }
  return Float64Array.from(out).sort();
}
