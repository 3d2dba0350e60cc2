import { fmtInt, fmtPct2, formatNumber } from '../common/number-format.js';
import type { SweepResult, SweepRunRecord } from '../sweep/sweep-result.js';
import { renderBarChart } from './bar-chart.js';
import { escapeHtml } from './escape-html.js';
import { renderTable, type TableColumn } from './html-table.js';
import { renderPage } from './page.js';
import { categoryColor } from './palette.js';

/** Charts per swept key: the mean of the first metrics for each of its values. */
const CHARTED_METRICS = 2;
const MAX_CHARTED_AXES = 8;
const HASH_CHARS = 12;

const fmtSig = formatNumber(',.4~r');

/**
 * sweep.html: one self-contained page (no scripts, no URLs, every string escaped) with the
 * sweep's inputs, per swept key a bar chart of the mean metric for each value, and every run.
 */
export function renderSweepReport(result: SweepResult): string {
  const counts = `${fmtInt(result.runs)} runs: ${fmtInt(result.executed)} executed, ${fmtInt(result.reused)} reused`;
  const parts = [
    `<header class="top"><h1>Sweep ${escapeHtml(result.name)}</h1><p data-runs="${result.runs}">${escapeHtml(counts)}</p></header>`,
    result.description ? `<p class="note">${escapeHtml(result.description)}</p>` : '',
    '<h2>Inputs</h2><section class="card"><dl class="inputs">',
    `<dt>Sweep file</dt><dd>${escapeHtml(result.sweep)}</dd><dt>Base scenario</dt><dd>${escapeHtml(result.scenario)}</dd>`,
    ...result.axes.map((axis) => `<dt>${escapeHtml(axis.key)}</dt><dd>${escapeHtml(axis.values.map(valueText).join(', '))}</dd>`),
    `<dt>rackplan</dt><dd>${escapeHtml(result.rackplanVersion)}</dd></dl></section>`,
    axisCharts(result),
    `<h2>Runs <small>${escapeHtml(`in sweep order; each run's files are in runs/<hash>/`)}</small></h2>`,
    `<section class="card">${runsTable(result)}</section>`,
    `<footer>rackplan ${escapeHtml(result.rackplanVersion)}</footer>`,
  ];
  return renderPage(`Sweep ${result.name}`, parts.join('\n'));
}

function axisCharts(result: SweepResult): string {
  const axes = result.axes.filter((axis) => axis.values.length > 1).slice(0, MAX_CHARTED_AXES);
  const metrics = result.metrics.slice(0, CHARTED_METRICS);
  if (axes.length === 0) return '';
  const charts = axes.flatMap((axis) =>
    metrics.map((metric, m) =>
      renderBarChart({
        name: `${axis.key}:${metric}`,
        title: `${metric} by ${axis.key}`,
        subtitle: 'Mean over the runs with each value',
        categories: axis.values.map(valueText),
        series: [{ label: metric, color: categoryColor(m), values: axis.values.map((value) => meanOf(result.results, axis.key, value, metric)) }],
        yLabel: metric,
        valueFormat: metricFormat(metric),
        ...(isFraction(metric) ? { yPercent: true } : {}),
      }),
    ),
  );
  return `<h2>Effect of each swept key</h2><div class="grid2">${charts.map((c) => `<figure class="card">${c}</figure>`).join('')}</div>`;
}

function meanOf(records: readonly SweepRunRecord[], key: string, value: unknown, metric: string): number | null {
  const text = valueText(value);
  const values = records.filter((r) => valueText(r.parameters[key]) === text).map((r) => r.metrics[metric]).filter((v): v is number => typeof v === 'number');
  return values.length === 0 ? null : values.reduce((s, v) => s + v, 0) / values.length;
}

function runsTable(result: SweepResult): string {
  const columns: TableColumn<SweepRunRecord>[] = [
    { header: '#', align: 'right', text: (r) => fmtInt(r.index) },
    ...result.axes.map((axis): TableColumn<SweepRunRecord> => ({ header: axis.key, text: (r) => valueText(r.parameters[axis.key]) })),
    ...result.metrics.map((metric): TableColumn<SweepRunRecord> => ({ header: metric, align: 'right', text: (r) => formatMetric(metric, r.metrics[metric] ?? null) })),
    { header: 'run', text: (r) => r.hash.slice(0, HASH_CHARS), attrs: (r) => ({ 'data-hash': r.hash }) },
  ];
  return renderTable(columns, result.results, { empty: 'No runs.' });
}

function valueText(value: unknown): string {
  if (value === null) return '(none)';
  return typeof value === 'string' ? value : JSON.stringify(value);
}

function isFraction(metric: string): boolean {
  return /(Fraction|utilization\w*|availability)$/.test(metric);
}

function metricFormat(metric: string): (value: number) => string {
  return isFraction(metric) ? fmtPct2 : fmtSig;
}

function formatMetric(metric: string, value: number | null): string {
  return value === null ? 'n/a' : metricFormat(metric)(value);
}
