import { BASELINE_SCENARIO_ID, type CompareResult, type CompareScenario } from '../metrics/compare-result.js';
import { renderBarChart } from './bar-chart.js';
import { savingsSentence } from './compare-savings.js';
import { escapeHtml } from './escape-html.js';
import { renderTable, type TableColumn } from './html-table.js';
import { renderLineChart } from './line-chart.js';
import { fmt1, fmt2, fmtInt, fmtPct1, fmtPct2, fmtUsd, formatOrNa } from './number-format.js';
import { renderPage } from './page.js';
import { categoryColor, COLORS } from './palette.js';
import { filesTable } from './run-report-tables.js';
import { formatDuration } from './time-axis.js';

/**
 * Scenarios side by side as a self-contained HTML page: savings against `physical` in plain
 * words, a table of figures, bar charts (servers, energy, unmet demand, cost), powered-on
 * hosts over time and one utilization chart per scenario. Deterministic.
 */
export function renderCompareReport(compare: CompareResult): string {
  const { inputs, scenarios } = compare;
  const parts = [
    '<header class="top"><h1>Scenario comparison</h1>',
    `<p>${escapeHtml(
      `${inputs.trace.format} trace ${inputs.trace.path}, ${fmtInt(inputs.trace.vms)} VMs, ` +
        `${formatDuration(inputs.simulatedSeconds)} simulated, seed ${inputs.seed}`,
    )}</p></header>`,
    `<h2>Against physical</h2><section class="card">${savingsList(scenarios)}</section>`,
    `<h2>Figures</h2><section class="card">${figuresTable(scenarios)}</section>`,
    `<h2>Side by side</h2><div class="grid2">${barCharts(scenarios)}</div>`,
    '<h2>Over time</h2>',
    activeHostsChart(scenarios),
    `<div class="grid2">${scenarios.map((s, i) => utilizationChart(s, i)).join('')}</div>`,
    `<h2>Scenarios</h2><section class="card">${descriptions(scenarios)}</section>`,
    `<h2>Inputs</h2><section class="card">${inputsList(compare)}${filesTable(inputs.files)}</section>`,
    `<footer>rackplan ${escapeHtml(inputs.rackplanVersion)} - the same comparison gives the same page.</footer>`,
  ];
  return renderPage('rackplan scenario comparison', parts.join('\n'));
}

function savingsList(scenarios: CompareScenario[]): string {
  const baseline = scenarios.find((s) => s.id === BASELINE_SCENARIO_ID);
  if (!baseline) return '<p class="empty">No physical scenario in this comparison, so no savings are stated.</p>';
  const others = scenarios.filter((s) => s !== baseline);
  if (others.length === 0) return '<p class="empty">Only the physical scenario was run.</p>';
  const items = others.map((s) => `<li data-savings="${escapeHtml(s.id)}">${escapeHtml(savingsSentence(s, baseline))}.</li>`);
  return `<ul class="savings">${items.join('')}</ul>`;
}

/** The compared figures; each cell carries `data-scenario` and `data-metric` (a CompareScenario key). */
export const COMPARE_FIGURES: readonly { key: keyof CompareScenario; header: string; format: (v: number) => string }[] = [
  { key: 'serversNeeded', header: 'Servers', format: fmtInt },
  { key: 'activeHostsMean', header: 'Hosts on, mean', format: fmt1 },
  { key: 'utilizationMean', header: 'Util. mean', format: fmtPct1 },
  { key: 'utilizationP95', header: 'Util. p95', format: fmtPct1 },
  { key: 'energyKWh', header: 'Energy (kWh)', format: fmt1 },
  { key: 'unmetMHzHours', header: 'Unmet (MHz·h)', format: fmtInt },
  { key: 'unmetFraction', header: 'Unmet share', format: fmtPct2 },
  { key: 'consolidationRatio', header: 'VMs per host', format: fmt2 },
  { key: 'costUsd', header: 'Cost', format: fmtUsd },
];

function figuresTable(scenarios: CompareScenario[]): string {
  const columns: TableColumn<CompareScenario>[] = [
    { header: 'Scenario', text: (s) => s.label, attrs: (s) => ({ 'data-scenario': s.id }) },
    ...COMPARE_FIGURES.map((f) => ({
      header: f.header,
      align: 'right' as const,
      text: (s: CompareScenario) => formatOrNa(s[f.key] as number | null, f.format),
      attrs: (s: CompareScenario) => ({ 'data-scenario': s.id, 'data-metric': f.key }),
    })),
  ];
  return renderTable(columns, scenarios, { className: 'figures', empty: 'No scenarios.' });
}

function barCharts(scenarios: CompareScenario[]): string {
  const categories = scenarios.map((s) => s.label);
  const one = (label: string, values: (number | null)[], color: string = COLORS.served) => [{ label, color, values }];
  const charts = [
    renderBarChart({
      name: 'servers',
      title: 'Servers',
      subtitle: 'Needed, and powered on on average',
      categories,
      series: [
        { label: 'Servers needed', color: COLORS.served, values: scenarios.map((s) => s.serversNeeded) },
        { label: 'Powered on, mean', color: '#a8c1de', values: scenarios.map((s) => s.activeHostsMean) },
      ],
      yLabel: 'Servers',
      valueFormat: fmtInt,
    }),
    renderBarChart({
      name: 'energy',
      title: 'Energy',
      subtitle: 'Over the whole run',
      categories,
      series: one('Energy', scenarios.map((s) => s.energyKWh), COLORS.energy),
      yLabel: 'Energy (kWh)',
      valueFormat: fmtInt,
    }),
    renderBarChart({
      name: 'unmet',
      title: 'Unmet CPU demand',
      subtitle: 'Share of all CPU demand that was not served',
      categories,
      series: one('Unmet', scenarios.map((s) => s.unmetFraction), COLORS.unmet),
      yLabel: 'Unmet (% of demand)',
      yPercent: true,
      valueFormat: fmtPct2,
    }),
    renderBarChart({
      name: 'cost',
      title: 'Host cost',
      subtitle: scenarios.some((s) => s.costUsd === null) ? 'Total host cost; n/a where the host models give none' : 'Total host cost',
      categories,
      series: one('Cost', scenarios.map((s) => s.costUsd), '#7b5ea7'),
      yLabel: 'Cost (USD)',
      valueFormat: fmtUsd,
    }),
  ];
  return charts.map((c) => `<figure class="card">${c}</figure>`).join('');
}

function activeHostsChart(scenarios: CompareScenario[]): string {
  const first = scenarios[0]?.series;
  const svg = renderLineChart({
    name: 'active-hosts',
    title: 'Hosts powered on',
    subtitle: first ? `Mean per ${formatDuration(first.intervalSeconds)} interval, one line per scenario` : undefined,
    startSeconds: first?.startSeconds ?? [],
    intervalSeconds: first?.intervalSeconds ?? 1,
    series: scenarios.map((s, i) => ({ label: s.label, values: s.series.activeHosts, color: categoryColor(i) })),
    yLabel: 'Hosts',
  });
  return `<figure class="card">${svg}</figure>`;
}

function utilizationChart(scenario: CompareScenario, index: number): string {
  const svg = renderLineChart({
    name: `utilization-${scenario.id}`,
    title: `Utilization: ${scenario.label}`,
    subtitle: `Mean ${formatOrNa(scenario.utilizationMean, fmtPct1)}, p95 ${formatOrNa(scenario.utilizationP95, fmtPct1)}`,
    startSeconds: scenario.series.startSeconds,
    intervalSeconds: scenario.series.intervalSeconds,
    series: [{ label: 'CPU utilization of hosts on', values: scenario.series.utilization, color: categoryColor(index), style: 'area' }],
    yLabel: 'Utilization (%)',
    yPercent: true,
    yMax: 1,
    width: 470,
    height: 240,
  });
  return `<figure class="card">${svg}</figure>`;
}

function descriptions(scenarios: CompareScenario[]): string {
  let out = '<dl class="inputs">';
  for (const s of scenarios) out += `<dt>${escapeHtml(s.label)}</dt><dd>${escapeHtml(s.description)}</dd>`;
  return out + '</dl>';
}

function inputsList(compare: CompareResult): string {
  const { inputs } = compare;
  const rows: [string, string][] = [
    ['Trace', inputs.trace.path],
    ['Format', inputs.trace.format],
    ['Trace size', `${fmtInt(inputs.trace.vms)} VMs, ${fmtInt(inputs.trace.samples)} samples`],
    ['Seed', String(inputs.seed)],
    ['rackplan', inputs.rackplanVersion],
  ];
  let out = '<dl class="inputs">';
  for (const [name, value] of rows) out += `<dt>${escapeHtml(name)}</dt><dd>${escapeHtml(value)}</dd>`;
  return out + '</dl>';
}
