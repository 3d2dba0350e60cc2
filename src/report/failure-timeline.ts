import { scaleLinear } from 'd3';
import type { OutageRow } from '../metrics/run-result.js';
import { fmt1, fmtInt } from '../common/number-format.js';
import { bottomAxis, closeChart, legend, legendTop, openChart, tickCount, type LegendItem, type PlotArea } from './chart-frame.js';
import { escapeHtml } from './escape-html.js';
import { px } from './chart-numbers.js';
import { OUTAGE_COLORS, OUTAGE_OTHER_COLOR } from './palette.js';
import { timeUnitFor, type TimeUnit } from './time-axis.js';

/** At most this many rows are drawn; more hosts are grouped into consecutive runs of hosts. */
export const MAX_TIMELINE_ROWS = 48;

/** Known causes in legend order, with their legend labels; others follow in code-point order. */
export const OUTAGE_CAUSES: readonly (readonly [string, string])[] = [
  ['host', 'Host failure'],
  ['rack', 'Rack outage'],
  ['cluster', 'Cluster outage'],
  ['trace', 'Failure trace'],
  ['maintenance', 'Maintenance'],
];

export interface FailureTimelineSpec {
  name: string;
  title: string;
  /** Every host in display order (host index order); hosts absent here come after, by id. */
  hostOrder: string[];
  outages: OutageRow[];
  /** The time axis, seconds; outages are clipped to it. */
  startSeconds: number;
  endSeconds: number;
  width?: number;
}

/** A drawn row: one host, or a run of consecutive hosts when there are many. */
export interface TimelineRow {
  hostIds: string[];
}

/** One drawn bar: an outage, or outages of one cause in one row that overlap or nearly touch. */
export interface TimelineBar {
  row: number;
  cause: string;
  startSeconds: number;
  endSeconds: number;
  /** Outages merged into this bar. */
  outages: number;
}

/**
 * Rows of the hosts that had an outage, in host order: one each when there are at most
 * MAX_TIMELINE_ROWS, otherwise consecutive hosts grouped by the smallest size that fits.
 */
export function timelineRows(hostOrder: string[], outages: OutageRow[]): { rows: TimelineRow[]; groupSize: number } {
  const down = new Set(outages.map((o) => o.hostId));
  const ordered = hostOrder.filter((id) => down.has(id));
  const known = new Set(ordered);
  ordered.push(...[...down].filter((id) => !known.has(id)).sort(compareIds));
  const groupSize = Math.max(1, Math.ceil(ordered.length / MAX_TIMELINE_ROWS));
  const rows: TimelineRow[] = [];
  for (let i = 0; i < ordered.length; i += groupSize) rows.push({ hostIds: ordered.slice(i, i + groupSize) });
  return { rows, groupSize };
}

/**
 * The bars of each row: outages clipped to [startSeconds, endSeconds] (empty ones dropped);
 * within a row, outages of one cause that overlap or are less than `mergeGapSeconds` apart
 * become one bar. Ordered by row, then cause (maintenance first, so failures are drawn over
 * it), then start.
 */
export function timelineBars(
  rows: TimelineRow[],
  outages: OutageRow[],
  startSeconds: number,
  endSeconds: number,
  mergeGapSeconds: number,
): TimelineBar[] {
  const rowOf = new Map<string, number>();
  rows.forEach((row, r) => row.hostIds.forEach((id) => rowOf.set(id, r)));
  const clipped = outages
    .map((o) => ({ row: rowOf.get(o.hostId)!, cause: o.cause, startSeconds: Math.max(startSeconds, o.startSeconds), endSeconds: Math.min(endSeconds, o.endSeconds), outages: 1 }))
    .filter((b) => b.row !== undefined && b.endSeconds > b.startSeconds)
    .sort((a, b) => a.row - b.row || drawRank(a.cause) - drawRank(b.cause) || compareIds(a.cause, b.cause) || a.startSeconds - b.startSeconds || a.endSeconds - b.endSeconds);
  const bars: TimelineBar[] = [];
  for (const bar of clipped) {
    const last = bars[bars.length - 1];
    if (last && last.row === bar.row && last.cause === bar.cause && bar.startSeconds <= last.endSeconds + mergeGapSeconds) {
      last.endSeconds = Math.max(last.endSeconds, bar.endSeconds);
      last.outages++;
    } else {
      bars.push({ ...bar });
    }
  }
  return bars;
}

/** Narrowest bar drawn, px: a one-minute outage in a three-day run must still show. */
const MIN_BAR_PX = 1.5;

/**
 * Host x time outage chart: one row per host that was down (or per group of hosts), one
 * `rect.mark` per bar (see timelineBars; outages less than a pixel apart merge), coloured by
 * cause, a legend of the causes present, and each bar's hosts and times as a hover title.
 */
export function renderFailureTimeline(spec: FailureTimelineSpec): string {
  const width = spec.width ?? 960;
  const { rows, groupSize } = timelineRows(spec.hostOrder, spec.outages);
  const rowHeight = Math.max(6, Math.min(20, 360 / Math.max(1, rows.length)));
  const top = legendTop(true) + 22;
  const plot: PlotArea = { left: 150, top, right: width - 16, bottom: top + rows.length * rowHeight };
  const span = Math.max(1e-9, spec.endSeconds - spec.startSeconds);
  const unit = timeUnitFor(span);
  const x = scaleLinear().domain([spec.startSeconds / unit.seconds, spec.endSeconds / unit.seconds]).range([plot.left, plot.right]);
  const bars = timelineBars(rows, spec.outages, spec.startSeconds, spec.endSeconds, span / (plot.right - plot.left));

  let out = openChart(spec.name, 'timeline', width, plot.bottom + 44, spec.title, subtitle(spec.outages.length, rows.length, groupSize));
  out += rowGuides(rows, plot, rowHeight);
  for (const bar of bars) {
    const x0 = x(bar.startSeconds / unit.seconds);
    const w = Math.max(MIN_BAR_PX, x(bar.endSeconds / unit.seconds) - x0);
    const y = plot.top + bar.row * rowHeight + rowHeight * 0.15;
    out +=
      `<rect class="mark" data-cause="${escapeHtml(bar.cause)}" x="${px(x0)}" y="${px(y)}" width="${px(w)}" height="${px(rowHeight * 0.7)}" fill="${causeColor(bar.cause)}">` +
      `<title>${escapeHtml(barTitle(bar, rows[bar.row]!, unit))}</title></rect>`;
  }
  const ticks = x.ticks(tickCount(plot.right - plot.left));
  out += bottomAxis(ticks, x, ticks.every(Number.isInteger) ? fmtInt : fmt1, plot, `Time (${unit.name})`);
  out += legend(legendItems(spec.outages), plot.left, legendTop(true), plot.right - plot.left);
  return out + closeChart();
}

function subtitle(outages: number, rows: number, groupSize: number): string {
  const what = `${fmtInt(outages)} ${outages === 1 ? 'outage' : 'outages'}`;
  if (groupSize === 1) return `${what}; one row per host that was down`;
  return `${what}; hosts that were down in ${fmtInt(rows)} rows of ${fmtInt(groupSize)} consecutive hosts`;
}

/** Light bands on alternate rows and the row labels (the first host of a group, then `+n`). */
function rowGuides(rows: TimelineRow[], plot: PlotArea, rowHeight: number): string {
  const every = Math.max(1, Math.ceil(12 / rowHeight));
  let out = '<g>';
  rows.forEach((row, r) => {
    const y = plot.top + r * rowHeight;
    if (r % 2 === 0) out += `<rect x="${plot.left}" y="${px(y)}" width="${px(plot.right - plot.left)}" height="${px(rowHeight)}" fill="#f5f7fa"/>`;
    if (r % every !== 0) return;
    const first = [...row.hostIds[0]!];
    const id = first.length > 18 ? `${first.slice(0, 17).join('')}…` : row.hostIds[0]!;
    const label = row.hostIds.length > 1 ? `${id} +${row.hostIds.length - 1}` : id;
    out += `<text class="tk" x="${plot.left - 6}" y="${px(y + rowHeight / 2)}" dy="0.32em" text-anchor="end">${escapeHtml(label)}</text>`;
  });
  return out + '</g>';
}

function barTitle(bar: TimelineBar, row: TimelineRow, unit: TimeUnit): string {
  const hosts = row.hostIds.length === 1 ? row.hostIds[0]! : `${row.hostIds[0]} … ${row.hostIds[row.hostIds.length - 1]}`;
  const count = bar.outages > 1 ? `, ${fmtInt(bar.outages)} outages` : '';
  const t = (s: number) => fmt1(s / unit.seconds);
  return `${hosts}: ${causeLabel(bar.cause)}${count}, ${t(bar.startSeconds)}-${t(bar.endSeconds)} ${unit.suffix} (${fmt1((bar.endSeconds - bar.startSeconds) / 3600)} h)`;
}

function legendItems(outages: OutageRow[]): LegendItem[] {
  const present = [...new Set(outages.map((o) => o.cause))].sort((a, b) => legendRank(a) - legendRank(b) || compareIds(a, b));
  return present.map((cause) => ({ label: causeLabel(cause), color: causeColor(cause), swatch: 'box' }));
}

export function causeLabel(cause: string): string {
  return OUTAGE_CAUSES.find(([c]) => c === cause)?.[1] ?? cause;
}

function causeColor(cause: string): string {
  return OUTAGE_COLORS[cause] ?? OUTAGE_OTHER_COLOR;
}

function legendRank(cause: string): number {
  const i = OUTAGE_CAUSES.findIndex(([c]) => c === cause);
  return i < 0 ? OUTAGE_CAUSES.length : i;
}

/** Drawing order: maintenance first, then unknown causes, then failures from a trace, the widest domain, ..., one host. */
const DRAW_ORDER = ['maintenance', '', 'trace', 'cluster', 'rack', 'host'];

function drawRank(cause: string): number {
  const i = DRAW_ORDER.indexOf(cause);
  return i < 0 ? 1 : i;
}

/** Code-point order, independent of locale. */
function compareIds(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
