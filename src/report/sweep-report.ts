import { fmtInt, fmtPct2, formatNumber } from '../common/number-format.js';
import type { SweepResult, SweepRunRecord } from '../sweep/sweep-result.js';
import { renderBarChart } from './bar-chart.js';
import { topologyNotesBlock } from './topology-notes.js';
import { escapeHtml } from './escape-html.js';
import { renderTable, type TableColumn } from './html-table.js';
import { renderPage } from './page.js';
import { categoryColor } from './palette.js';
import { axisValueLabels, meanWithCi, paretoFront, type MeanWithCi } from './sweep-stats.js';

const MAX_CHARTED_AXES = 8;
const HASH_CHARS = 12;
/** Seeds are repetitions, not a factor: they become the confidence interval, not a chart. */
const REPETITION_KEY = 'seed';
/** The Pareto front is drawn between these two, when the sweep reports both. */
const PARETO = ['energyKWh', 'sla.slav'] as const;

const fmtSig4 = formatNumber(',.4~r');
/** Whole thousands in full (34,364, not 34,360); smaller values to 4 significant digits. */
const fmtSig = (v: number): string => (Math.abs(v) >= 1000 ? fmtInt(v) : fmtSig4(v));

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
    `<dt>rackplan</dt><dd>${escapeHtml(result.rackplanVersion)}</dd></dl>${topologyNotesBlock(result.topologyNotes)}</section>`,
    axisCharts(result),
    `<h2>Runs <small>${escapeHtml(`in sweep order; each run's files are in runs/<hash>/`)}</small></h2>`,
    `<section class="card">${runsTable(result)}</section>`,
    `<footer>rackplan ${escapeHtml(result.rackplanVersion)}</footer>`,
  ];
  return renderPage(`Sweep ${result.name}`, parts.join('\n'));
}

/** Per swept key (seeds aside): a chart of every metric's mean by value, and a table of mean ± 95% CI. */
function axisCharts(result: SweepResult): string {
  const axes = result.axes.filter((axis) => axis.values.length > 1 && axis.key !== REPETITION_KEY).slice(0, MAX_CHARTED_AXES);
  if (axes.length === 0) return '';
  const sections = axes.map((axis) => {
    const labels = axisValueLabels(axis.values);
    const stats = result.metrics.map((metric) => axis.values.map((value) => meanWithCi(metricValues(result.results, axis.key, value, metric))));
    const charts = result.metrics.map((metric, m) =>
      renderBarChart({
        name: `${axis.key}:${metric}`,
        title: `${metric} by ${axis.key}`,
        subtitle: 'Mean over the runs with each value (seeds); the table below gives the 95% CI',
        categories: labels,
        series: [{ label: metric, color: categoryColor(m), values: stats[m]!.map((s) => s?.mean ?? null) }],
        yLabel: metric,
        valueFormat: metricFormat(metric),
        ...(isFraction(metric) ? { yPercent: true } : {}),
      }),
    );
    const rows = labels.map((label, v) => ({ label, cells: stats.map((byValue) => byValue[v]!) }));
    const table = renderTable(
      [
        { header: axis.key, text: (r: (typeof rows)[number]) => r.label },
        { header: 'runs', align: 'right', text: (r: (typeof rows)[number]) => fmtInt(r.cells[0]?.runs ?? 0) },
        ...result.metrics.map((metric, m) => ({ header: metric, align: 'right' as const, text: (r: (typeof rows)[number]) => ciText(metric, r.cells[m]!) })),
      ],
      rows,
      { className: 'figures' },
    );
    return `<h3>${escapeHtml(axis.key)}</h3><section class="card">${table}</section><div class="grid2">${charts.map((c) => `<figure class="card">${c}</figure>`).join('')}</div>`;
  });
  return `<h2>Effect of each swept key<small>mean ± 95% CI over the runs with each value</small></h2>${sections.join('')}`;
}

function metricValues(records: readonly SweepRunRecord[], key: string, value: unknown, metric: string): number[] {
  const text = valueText(value);
  return records.filter((r) => valueText(r.parameters[key]) === text).map((r) => r.metrics[metric]).filter((v): v is number => typeof v === 'number');
}

function ciText(metric: string, s: MeanWithCi | null): string {
  if (!s) return 'n/a';
  const f = metricFormat(metric);
  return s.ci95 === null ? f(s.mean) : `${f(s.mean)} ± ${f(s.ci95)}`;
}

function runsTable(result: SweepResult): string {
  const columns: TableColumn<SweepRunRecord>[] = [
    { header: '#', align: 'right', text: (r) => fmtInt(r.index) },
    ...result.axes.map((axis): TableColumn<SweepRunRecord> => ({ header: axis.key, text: (r) => valueText(r.parameters[axis.key]) })),
    ...result.metrics.map((metric): TableColumn<SweepRunRecord> => ({ header: metric, align: 'right', text: (r) => formatMetric(metric, r.metrics[metric] ?? null) })),
    { header: 'run', text: (r) => r.hash.slice(0, HASH_CHARS), attrs: (r) => ({ 'data-hash': r.hash }) },
  ];
  if (PARETO.every((m) => result.metrics.includes(m))) {
    const front = paretoFront(result.results, PARETO[0], PARETO[1]);
    columns.push({ header: 'Pareto', hint: `no other run has both less ${PARETO[0]} and less ${PARETO[1]}`, text: (r) => (front.has(r.index) ? 'front' : ''), attrs: (r) => ({ 'data-pareto': front.has(r.index) ? '1' : '0' }) });
  }
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
