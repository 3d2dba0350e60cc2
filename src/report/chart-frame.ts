import { escapeHtml } from './escape-html.js';
import { px } from './chart-numbers.js';
import { COLORS } from './palette.js';

/**
 * The shared frame of every chart: the `<svg>` element with its `data-chart` name, the title
 * and subtitle, axes with gridlines, and the legend. Charts are inline SVG in an HTML page, so
 * no XML namespace (and no URL) is written. Text styles come from CHART_CSS, included once per
 * page.
 */

export interface PlotArea {
  left: number;
  top: number;
  right: number;
  bottom: number;
}

export interface LegendItem {
  label: string;
  color: string;
  /** How the swatch is drawn. */
  swatch: 'line' | 'dashed' | 'area' | 'box';
}

export const CHART_CSS = `
svg.chart { display: block; width: 100%; height: auto; font-family: inherit; }
svg.chart text { fill: ${COLORS.ink}; }
svg.chart .ct { font-size: 14px; font-weight: 600; }
svg.chart .cs { font-size: 11.5px; fill: ${COLORS.muted}; }
svg.chart .tk { font-size: 10.5px; fill: ${COLORS.muted}; font-variant-numeric: tabular-nums; }
svg.chart .al { font-size: 11px; fill: ${COLORS.muted}; }
svg.chart .lg { font-size: 11.5px; }
svg.chart .gl { stroke: ${COLORS.grid}; stroke-width: 1; }
svg.chart .bl { stroke: ${COLORS.axis}; stroke-width: 1; }
svg.chart .vl { font-size: 10.5px; font-variant-numeric: tabular-nums; }
`;

/** Opens a chart: `<svg data-chart=name>` with title and optional subtitle at the top. */
export function openChart(
  name: string,
  kind: string,
  width: number,
  height: number,
  title: string,
  subtitle?: string,
): string {
  const t = escapeHtml(title);
  let out =
    `<svg class="chart" data-chart="${escapeHtml(name)}" data-kind="${kind}" ` +
    `viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" role="img" aria-label="${t}">` +
    `<text class="ct" x="0" y="15">${t}</text>`;
  if (subtitle) out += `<text class="cs" x="0" y="32">${escapeHtml(subtitle)}</text>`;
  return out;
}

export function closeChart(): string {
  return '</svg>';
}

/** Vertical position of the legend row, below the title (and subtitle). */
export function legendTop(hasSubtitle: boolean): number {
  return hasSubtitle ? 52 : 36;
}

/** Horizontal gridlines with tick labels on the left, and the y-axis label rotated. */
export function leftAxis(
  ticks: number[],
  y: (value: number) => number,
  format: (value: number) => string,
  area: PlotArea,
  label: string,
): string {
  let out = '<g>';
  for (const tick of ticks) {
    const ty = px(y(tick));
    out += `<line class="gl" x1="${area.left}" x2="${area.right}" y1="${ty}" y2="${ty}"/>`;
    out += `<text class="tk" x="${area.left - 6}" y="${ty}" dy="0.32em" text-anchor="end">${escapeHtml(format(tick))}</text>`;
  }
  const mid = px((area.top + area.bottom) / 2);
  out += `<text class="al" transform="translate(12,${mid}) rotate(-90)" text-anchor="middle">${escapeHtml(label)}</text>`;
  return out + '</g>';
}

/** The baseline with ticks and tick labels below the plot, and the x-axis label centred. */
export function bottomAxis(
  ticks: number[],
  x: (value: number) => number,
  format: (value: number) => string,
  area: PlotArea,
  label: string,
): string {
  let out = `<g><line class="bl" x1="${area.left}" x2="${area.right}" y1="${area.bottom}" y2="${area.bottom}"/>`;
  for (const tick of ticks) {
    const tx = px(x(tick));
    out += `<line class="bl" x1="${tx}" x2="${tx}" y1="${area.bottom}" y2="${area.bottom + 4}"/>`;
    out += `<text class="tk" x="${tx}" y="${area.bottom + 16}" text-anchor="middle">${escapeHtml(format(tick))}</text>`;
  }
  const mid = px((area.left + area.right) / 2);
  out += `<text class="al" x="${mid}" y="${area.bottom + 32}" text-anchor="middle">${escapeHtml(label)}</text>`;
  return out + '</g>';
}

/** Legend items laid out left to right from (x, y); wraps when a row would exceed maxWidth. */
export function legend(items: LegendItem[], x: number, y: number, maxWidth: number): string {
  let out = '<g class="legend">';
  let cx = x;
  let cy = y;
  for (const item of items) {
    const width = 26 + approxTextWidth(item.label, 11.5) + 16;
    if (cx > x && cx + width > x + maxWidth) {
      cx = x;
      cy += 18;
    }
    out += swatch(item, cx, cy);
    out += `<text class="lg" x="${px(cx + 24)}" y="${cy}" dy="0.32em">${escapeHtml(item.label)}</text>`;
    cx += width;
  }
  return out + '</g>';
}

/** Rows the legend takes when laid out within maxWidth (as `legend` wraps them); 1 when empty. */
export function legendRows(items: LegendItem[], maxWidth: number): number {
  let rows = 1;
  let cx = 0;
  for (const item of items) {
    const width = 26 + approxTextWidth(item.label, 11.5) + 16;
    if (cx > 0 && cx + width > maxWidth) {
      cx = 0;
      rows++;
    }
    cx += width;
  }
  return rows;
}

function swatch(item: LegendItem, x: number, y: number): string {
  const c = item.color;
  switch (item.swatch) {
    case 'box':
    case 'area':
      return `<rect x="${px(x)}" y="${y - 5}" width="18" height="10" fill="${c}" fill-opacity="${item.swatch === 'area' ? 0.35 : 1}"${item.swatch === 'area' ? ` stroke="${c}"` : ''}/>`;
    case 'dashed':
      return `<line x1="${px(x)}" x2="${px(x + 18)}" y1="${y}" y2="${y}" stroke="${c}" stroke-width="2" stroke-dasharray="4 3"/>`;
    case 'line':
      return `<line x1="${px(x)}" x2="${px(x + 18)}" y1="${y}" y2="${y}" stroke="${c}" stroke-width="2"/>`;
  }
}

/** A rough width of text in the chart font (0.56 em per character), for layout only. */
export function approxTextWidth(text: string, fontSize: number): number {
  return text.length * fontSize * 0.56;
}

/** A left margin wide enough for the y tick labels and the rotated axis label beside them. */
export function leftMargin(tickLabels: string[]): number {
  const widest = Math.max(0, ...tickLabels.map((label) => approxTextWidth(label, 10.5)));
  return Math.max(52, Math.ceil(32 + widest));
}

/** How many ticks to ask d3 for along an axis of this many pixels. */
export function tickCount(pixels: number, spacing = 80): number {
  return Math.max(2, Math.round(pixels / spacing));
}
