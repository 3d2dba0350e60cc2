import type { RunSummary } from '../metrics/run-result.js';
import { fmt1, fmt2, fmtInt, fmtPct1, fmtPct2, fmtSci, fmtUsd, formatNumber, formatOrNa } from '../common/number-format.js';
import { escapeHtml } from './escape-html.js';

/** A figure shown at the top of a report, taken from RunSummary by its key path. */
export interface HeadlineMetric {
  /** Key path into RunSummary, also written as `data-metric`: `cpu.utilizationMean`. */
  key: string;
  label: string;
  /** Printed after the value, outside the `data-metric` element. */
  unit: string;
  /** Exactly the text of the `data-metric` element. */
  format: (value: number) => string;
  /** Highlighted when true (something went wrong). */
  warn?: (value: number) => boolean;
  /** Shown, highlighted, when the value is null; without it a null value leaves the tile out. */
  whenNull?: string;
}

const positive = (value: number): boolean => value > 0;
const fmtSi = formatNumber('.4~s');
/** Whole numbers up to 999,999; above, 4 significant digits with an SI suffix (233.2M), so a tile never overflows. */
const fmtCompact = (value: number): string => (Math.abs(value) < 1e6 ? fmtInt(value) : fmtSi(value));
const fmtPct3 = formatNumber('.3%');

/** The headline figures of a run report, in display order. costUsd is shown only when known. */
export const RUN_HEADLINE_METRICS: readonly HeadlineMetric[] = [
  { key: 'hosts.total', label: 'Hosts', unit: '', format: fmtInt },
  { key: 'hosts.activeMean', label: 'Hosts on, mean', unit: '', format: fmt1 },
  { key: 'vms.placed', label: 'VMs placed', unit: '', format: fmtInt },
  { key: 'vms.unplaced', label: 'VMs unplaced', unit: '', format: fmtInt, warn: positive },
  { key: 'cpu.utilizationMean', label: 'CPU utilization, mean', unit: '', format: fmtPct1 },
  { key: 'cpu.utilizationPeak', label: 'CPU utilization, peak', unit: '', format: fmtPct1 },
  { key: 'cpu.utilizationP95', label: 'Host utilization, p95', unit: '', format: fmtPct1 },
  { key: 'energyKWh', label: 'Energy', unit: 'kWh', format: (v) => (Math.abs(v) < 1e5 ? fmt1(v) : fmtCompact(v)) },
  { key: 'powerMeanW', label: 'Power, mean', unit: 'kW', format: (w) => fmt2(w / 1000) },
  { key: 'cpu.unmetMHzHours', label: 'Unmet CPU demand', unit: 'MHz·h', format: fmtCompact, warn: positive },
  { key: 'cpu.unmetFraction', label: 'Unmet, share of demand', unit: '', format: fmtPct2, warn: positive },
  { key: 'migrations', label: 'Migrations', unit: '', format: fmtCompact },
  { key: 'hostFailures', label: 'Host failures', unit: '', format: fmtInt, warn: positive },
  { key: 'availability', label: 'Availability', unit: '', format: fmtPct3, warn: (v) => fmtPct3(v) !== '100.000%', whenNull: 'undefined' },
  { key: 'vmRestarts', label: 'VM restarts', unit: '', format: fmtInt, warn: positive },
  { key: 'vmDowntimeHours', label: 'VM downtime', unit: 'VM·h', format: fmt1, warn: positive },
  { key: 'lostMHzHours', label: 'Lost demand (down)', unit: 'MHz·h', format: fmtCompact, warn: positive },
  { key: 'sla.slav', label: 'SLA violation (SLAV)', unit: '', format: fmtSci, warn: positive },
  { key: 'consolidationRatio', label: 'Consolidation', unit: 'VMs/host', format: fmt2 },
  { key: 'costUsd', label: 'Host cost', unit: '', format: fmtUsd },
];

/** Reads a dotted key path from a summary; null when absent or not a number. */
export function summaryValue(summary: RunSummary, key: string): number | null {
  let value: unknown = summary;
  for (const part of key.split('.')) {
    if (value === null || typeof value !== 'object') return null;
    value = (value as Record<string, unknown>)[part];
  }
  return typeof value === 'number' ? value : null;
}

/** The headline tiles; a metric whose value is null (cost unknown) is left out. */
export function renderHeadline(summary: RunSummary): string {
  let out = '<div class="metrics">';
  for (const metric of RUN_HEADLINE_METRICS) {
    const value = summaryValue(summary, metric.key);
    if (value !== null) out += renderTile(metric, value);
    else if (metric.whenNull) out += renderNullTile(metric, metric.whenNull);
  }
  return out + '</div>';
}

export function renderTile(metric: HeadlineMetric, value: number): string {
  const warn = Number.isFinite(value) && metric.warn?.(value) ? ' warn' : '';
  const unit = metric.unit ? `<span class="unit">${escapeHtml(metric.unit)}</span>` : '';
  return (
    `<div class="metric${warn}"><div class="label">${escapeHtml(metric.label)}</div>` +
    `<div class="figure"><span data-metric="${escapeHtml(metric.key)}">${escapeHtml(formatOrNa(value, metric.format))}</span>${unit}</div></div>`
  );
}

/** A figure that has no value in this run (availability when no VM ran), said in words. */
function renderNullTile(metric: HeadlineMetric, text: string): string {
  return (
    `<div class="metric warn"><div class="label">${escapeHtml(metric.label)}</div>` +
    `<div class="figure"><span data-metric="${escapeHtml(metric.key)}">${escapeHtml(text)}</span></div></div>`
  );
}
