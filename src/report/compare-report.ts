import type { BaselineScenarioId, CompareResult, CompareScenario } from '../compare/compare-result.js';
import { fmt1, fmt2, fmtInt, fmtPct1, fmtPct2, fmtSci, fmtUsd, formatOrNa } from '../common/number-format.js';
import { compareActiveHostsChart, compareBarCharts, compareUtilizationChart } from './compare-charts.js';
import { savingsSentence } from './compare-savings.js';
import { escapeHtml } from './escape-html.js';
import { renderTable, type TableColumn } from './html-table.js';
import { renderPage } from './page.js';
import { filesTable } from './run-report-tables.js';
import { topologyNotesBlock } from './topology-notes.js';
import { formatDuration } from './time-axis.js';
import { unmetCausePhrases } from './unmet-causes.js';
import { rankedTable } from './compare-ranking.js';
import { compareVerdict } from './compare-verdict.js';
import { renderVerdict } from './run-verdict.js';
import { scalingSection } from './compare-scaling.js';
import { operationsSections } from './compare-operations.js';

/**
 * The compare layer's baseline id. report/ takes only types from the layers that produce its
 * data, so the value is written out here; its type makes the compiler refuse any other value.
 */
const BASELINE_SCENARIO_ID: BaselineScenarioId = 'physical';

/**
 * Scenarios side by side as a self-contained HTML page: savings against `physical` in plain
 * words, a table of figures, bar charts (servers, energy, unmet demand, cost; migrations and
 * SLA violation when a scenario consolidates dynamically), powered-on hosts over time and one
 * utilization chart per scenario. Deterministic.
 */
export function renderCompareReport(compare: CompareResult): string {
  const { inputs, scenarios } = compare;
  const parts = [
    '<header class="top"><h1>Scenario comparison</h1>',
    `<p>${escapeHtml(
      `${inputs.trace.format} trace ${inputs.trace.path}, ${fmtInt(inputs.trace.vms)} VMs, ` +
        `${formatDuration(inputs.simulatedSeconds)} simulated, seed ${inputs.seed}`,
    )}</p></header>`,
    renderVerdict(compareVerdict(compare)),
    `<h2>Against physical</h2><section class="card">${savingsList(scenarios)}</section>`,
    `<h2>Figures</h2><section class="card"><p class="note">${escapeHtml(basisNote(compare))}</p>${figuresTable(scenarios)}</section>`,
    scenarios.some((s) => s.policy !== 'none') ? `<h2>Ranked<small>within the SLA first, then by energy</small></h2><section class="card">${rankedTable(scenarios)}</section>` : '',
    `<h2>Unmet demand by cause</h2><section class="card">${unmetCausesTable(scenarios)}</section>`,
    scalingSection(scenarios),
    operationsSections(compare),
    `<h2>Side by side</h2>${compareBarCharts(scenarios)}`,
    '<h2>Over time</h2>',
    compareActiveHostsChart(scenarios),
    `<div class="grid2">${scenarios.map((s, i) => compareUtilizationChart(s, i)).join('')}</div>`,
    `<h2>Scenarios</h2><section class="card">${descriptions(scenarios)}</section>`,
    `<h2>Inputs</h2><section class="card">${inputsList(compare)}${topologyNotesBlock(inputs.topologyNotes)}${filesTable(inputs.files)}</section>`,
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
  { key: 'serversNeeded', header: 'Servers needed', format: fmtInt },
  { key: 'serversPeak', header: 'Servers, peak', format: fmtInt },
  { key: 'activeHostsMean', header: 'Hosts on, mean', format: fmt1 },
  { key: 'utilizationMean', header: 'Util. mean', format: fmtPct1 },
  { key: 'utilizationP95', header: 'Util. p95', format: fmtPct1 },
  { key: 'energyKWh', header: 'Energy (kWh)', format: fmt1 },
  { key: 'energyCostUsd', header: 'Energy cost', format: fmtUsd },
  { key: 'unmetMHzHours', header: 'Unmet (MHz·h)', format: fmtInt },
  { key: 'unmetFraction', header: 'Unmet share', format: fmtPct2 },
  { key: 'consolidationRatio', header: 'VMs per host', format: fmt2 },
  { key: 'migrations', header: 'Migrations', format: fmtInt },
  { key: 'slav', header: 'SLAV', format: fmtSci },
  { key: 'costUsd', header: 'Server cost', format: fmtUsd },
];

/** What "servers needed" and "energy cost" mean here, with the values this comparison used. */
function basisNote(compare: CompareResult): string {
  const i = compare.inputs;
  // Comparisons written before these inputs existed have none to state.
  if (i.serversShare === undefined) return 'Servers needed: the peak of hosts on.';
  return (
    `Servers needed: dedicated servers, all of them; a pool, the most hosts on for at least ${fmtPct1(i.serversShare)} of the time ` +
    `(report-interval means, rounded up), with the peak beside it. Energy cost: IT energy x PUE ${i.pue} x ` +
    `$${i.energyPriceUsdPerKWh} per kWh (defaults: 99%, PUE 1.58, $0.12; --servers-share, --pue, --energy-price or the spec's fields change them).` +
    (i.carbon
      ? ` Carbon: IT power x PUE ${i.pue} x the grid's intensity (${i.carbon.intensity}, mean ${fmtInt(i.carbon.gco2PerKWhMean)} gCO2/kWh), interval by interval.`
      : '')
  );
}

/** Carbon (after energy cost) only where the comparison has an intensity: a column of n/a would look like missing data. */
const CARBON_FIGURE = { key: 'carbonKg', header: 'Carbon (kg CO2)', format: fmt1 } as const;

function figuresWithCarbon(scenarios: CompareScenario[]): readonly (typeof COMPARE_FIGURES)[number][] {
  if (!scenarios.some((s) => s.carbonKg !== undefined)) return COMPARE_FIGURES;
  const at = COMPARE_FIGURES.findIndex((f) => f.key === 'energyCostUsd') + 1;
  return [...COMPARE_FIGURES.slice(0, at), CARBON_FIGURE, ...COMPARE_FIGURES.slice(at)];
}

function figuresTable(scenarios: CompareScenario[]): string {
  const columns: TableColumn<CompareScenario>[] = [
    // Non-breaking hyphens: a policy name (`thr-mmt-0.8`) wraps as a whole, never at its hyphens.
    { header: 'Scenario', text: (s) => s.label.replaceAll('-', '\u2011'), attrs: (s) => ({ 'data-scenario': s.id }) },
    ...figuresWithCarbon(scenarios).map((f) => ({
      header: f.header,
      align: 'right' as const,
      text: (s: CompareScenario) => formatOrNa(s[f.key] as number | null, f.format),
      attrs: (s: CompareScenario) => ({ 'data-scenario': s.id, 'data-metric': f.key }),
    })),
  ];
  return renderTable(columns, scenarios, { className: 'figures', empty: 'No scenarios.' });
}

/** Each scenario's unmet demand by cause, as shares of its demand. */
function unmetCausesTable(scenarios: CompareScenario[]): string {
  const columns: TableColumn<CompareScenario>[] = [
    { header: 'Scenario', text: (s) => s.label.replaceAll('-', '\u2011') },
    {
      header: 'Unmet demand by cause (share of demand)',
      hint: "demand above a VM's own size is unmet on any number of hosts",
      text: (s) => (s.unmetCauses ? unmetCausePhrases(s.unmetCauses, s.demandMHzHours, true).join(', ') || 'none' : 'n/a'),
      attrs: (s) => ({ 'data-scenario': s.id, 'data-metric': 'unmetCauses' }),
    },
  ];
  return renderTable(columns, scenarios, { className: 'counts', empty: 'No scenarios.' });
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
