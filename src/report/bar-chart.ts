import { scaleBand, scaleLinear } from 'd3';
import { escapeHtml } from './escape-html.js';
import {
  approxTextWidth,
  closeChart,
  leftAxis,
  leftMargin,
  legend,
  legendTop,
  openChart,
  type PlotArea,
} from './chart-frame.js';
import { px, tickFormatter } from './chart-numbers.js';
import { COLORS } from './palette.js';

export interface BarSeries {
  label: string;
  color: string;
  /** One value per category; null draws no bar and prints `n/a`. */
  values: (number | null)[];
}

export interface BarChartSpec {
  name: string;
  title: string;
  subtitle?: string;
  /** Category labels along the x axis, e.g. scenario names. */
  categories: string[];
  series: BarSeries[];
  /** Y-axis label with unit. */
  yLabel: string;
  yPercent?: boolean;
  /** Formats the value printed above each bar. */
  valueFormat: (value: number) => string;
  width?: number;
  height?: number;
}

/**
 * Grouped bar chart: categories along x, one `rect.mark` per non-null value (series side by
 * side within a category), the value printed above each bar. A legend appears only when there
 * is more than one series.
 */
export function renderBarChart(spec: BarChartSpec): string {
  const width = spec.width ?? 470;
  const height = spec.height ?? 290;
  const hasLegend = spec.series.length > 1;
  const top = legendTop(Boolean(spec.subtitle)) + (hasLegend ? 22 : 4);
  let dataMax = 0;
  for (const s of spec.series) for (const v of s.values) if (v !== null && Number.isFinite(v)) dataMax = Math.max(dataMax, v);
  const y = scaleLinear().domain([0, dataMax > 0 ? dataMax * 1.08 : 1]).nice(5);
  const [y0, y1] = y.domain() as [number, number];
  const yTicks = y.ticks(5);
  const yFormat = tickFormatter(y0, y1, 5, spec.yPercent);
  const plot: PlotArea = { left: leftMargin(yTicks.map(yFormat)), top, right: width - 12, bottom: height - 44 };
  y.range([plot.bottom, plot.top]);
  const outer = scaleBand<number>().domain(spec.categories.map((_, i) => i)).range([plot.left, plot.right]).paddingInner(0.25).paddingOuter(0.12);
  const inner = scaleBand<number>().domain(spec.series.map((_, i) => i)).range([0, outer.bandwidth()]).paddingInner(0.08);

  let out = openChart(spec.name, 'bar', width, height, spec.title, spec.subtitle);
  out += leftAxis(yTicks, y, yFormat, plot, spec.yLabel);
  out += `<line class="bl" x1="${plot.left}" x2="${plot.right}" y1="${plot.bottom}" y2="${plot.bottom}"/>`;
  spec.categories.forEach((category, c) => {
    const cx = outer(c)!;
    spec.series.forEach((series, s) => {
      const value = series.values[c] ?? null;
      const bx = cx + inner(s)!;
      const mid = px(bx + inner.bandwidth() / 2);
      if (value === null || !Number.isFinite(value)) {
        out += `<text class="vl" x="${mid}" y="${plot.bottom - 5}" text-anchor="middle" fill="${COLORS.muted}">n/a</text>`;
        return;
      }
      const by = y(Math.max(0, value));
      out +=
        `<rect class="mark" data-series="${escapeHtml(series.label)}" data-category="${escapeHtml(category)}" ` +
        `x="${px(bx)}" y="${px(by)}" width="${px(inner.bandwidth())}" height="${px(plot.bottom - by)}" fill="${series.color}">` +
        `<title>${escapeHtml(`${category}, ${series.label}: ${spec.valueFormat(value)}`)}</title></rect>`;
      out += `<text class="vl" x="${mid}" y="${px(by - 4)}" text-anchor="middle">${escapeHtml(spec.valueFormat(value))}</text>`;
    });
    const lines = wrapLabel(category, outer.bandwidth() + outer.step() * 0.2);
    const tx = px(cx + outer.bandwidth() / 2);
    const spans = lines.map((l, k) => `<tspan x="${tx}" dy="${k === 0 ? 0 : 13}">${escapeHtml(l)}</tspan>`).join('');
    const full = lines.join(' ') === category ? '' : `<title>${escapeHtml(category)}</title>`;
    out += `<text class="tk" x="${tx}" y="${plot.bottom + 16}" text-anchor="middle">${full}${spans}</text>`;
  });
  if (hasLegend) {
    const items = spec.series.map((s) => ({ label: s.label, color: s.color, swatch: 'box' as const }));
    out += legend(items, plot.left, legendTop(Boolean(spec.subtitle)), plot.right - plot.left);
  }
  return out + closeChart();
}

/** Splits a label into at most two lines of about `width` pixels; the second is shortened with an ellipsis. */
export function wrapLabel(label: string, width: number): string[] {
  const fits = (text: string): boolean => approxTextWidth(text, 10.5) <= width;
  if (fits(label)) return [label];
  const words = label.split(' ');
  let first = '';
  let i = 0;
  while (i < words.length && fits(first ? `${first} ${words[i]}` : words[i]!)) first = first ? `${first} ${words[i++]}` : words[i++]!;
  if (!first) return [shorten(label, width)];
  const rest = words.slice(i).join(' ');
  return rest ? [first, fits(rest) ? rest : shorten(rest, width)] : [first];
}

function shorten(text: string, width: number): string {
  const keep = Math.max(3, Math.floor(width / (10.5 * 0.56)) - 1);
  return `${[...text].slice(0, keep).join('')}…`;
}
