import type { RunResult } from '../metrics/run-result.js';
import { fmtInt } from '../common/number-format.js';
import { deferrableSection } from './deferrable-section.js';
import { escapeHtml } from './escape-html.js';
import { facilitySection } from './facility-section.js';
import { failureSection } from './failure-section.js';
import { renderHeadline } from './headline-metrics.js';
import { ioSection } from './io-section.js';
import { renderPage } from './page.js';
import { rolloutUpgradeSection } from './rollout-upgrade-section.js';
import { renderVerdict, runVerdict } from './run-verdict.js';
import {
  activeHostsChart,
  cpuChart,
  energyChart,
  heatmapChart,
  hostUtilizationCdf,
  migrationsChart,
  powerChart,
  vmUnmetCdf,
} from './run-report-charts.js';
import { countsTable, inputsSection, overloadedHostsTable, TOP_ROWS, unmetVmsTable } from './run-report-tables.js';
import { formatDuration } from './time-axis.js';
import { unmetCausesTable } from './unmet-causes.js';

/**
 * One run as a self-contained HTML page: headline figures, charts, the worst hosts and VMs,
 * and the inputs with their checksums. Pure and deterministic: the same RunResult gives the
 * same bytes.
 */
export function renderRunReport(result: RunResult): string {
  const { summary, inputs } = result;
  const hasMigrations = summary.migrations > 0;
  const parts = [
    '<header class="top">',
    `<h1>Run report: ${escapeHtml(inputs.scenarioName)}</h1>`,
    `<p>${escapeHtml(runLine(result))}</p>`,
    '</header>',
    renderVerdict(runVerdict(summary, result.inputs)),
    renderHeadline(summary),
    '<h2>CPU over time</h2>',
    cpuChart(result),
    unmetSection(result),
    deferrableSection(result),
    heatmapChart(result),
    '<h2>Distributions</h2>',
    `<div class="grid2">${hostUtilizationCdf(result)}${vmUnmetCdf(result)}</div>`,
    '<h2>Power and energy</h2>',
    `<div class="grid2">${powerChart(result)}${energyChart(result)}</div>`,
    facilitySection(result),
    '<h2>Hosts</h2>',
    hasMigrations
      ? `<div class="grid2">${activeHostsChart(result, false)}${migrationsChart(result)}</div>`
      : activeHostsChart(result, true),
    ioSection(result),
    failureSection(result),
    rolloutUpgradeSection(result),
    `<h2>Most overloaded hosts<small>top ${TOP_ROWS} by hours overloaded, then unmet demand</small></h2>`,
    `<section class="card">${overloadedHostsTable(result.hosts)}</section>`,
    `<h2>VMs with the most unmet demand<small>top ${TOP_ROWS}</small></h2>`,
    `<section class="card">${unmetVmsTable(result.vms)}</section>`,
    notesSection(result),
    '<h2>Inputs</h2>',
    `<section class="card">${inputsSection(inputs, summary)}</section>`,
    `<footer>rackplan ${escapeHtml(inputs.rackplanVersion)} - rendered from the run's own output files; the same run gives the same page.</footer>`,
  ];
  return renderPage(`rackplan run: ${inputs.scenarioName}`, parts.join('\n'));
}

function runLine(result: RunResult): string {
  const { inputs, summary } = result;
  return (
    `${inputs.trace.format} trace ${inputs.trace.path}, ${fmtInt(summary.vms.total)} VMs, ` +
    `${formatDuration(summary.simulatedSeconds)} simulated, seed ${inputs.seed}, ${inputs.model}`
  );
}

/** Unplaced VMs by reason and run warnings, shown only when there are any. */
function notesSection(result: RunResult): string {
  const { unplacedReasons, warnings } = result.summary;
  const parts: string[] = [];
  if (Object.keys(unplacedReasons).length > 0) {
    parts.push(`<div class="card-block"><h3>Unplaced VMs by reason</h3>${countsTable(unplacedReasons, 'Reason', '')}</div>`);
  }
  if (Object.keys(warnings).length > 0) {
    parts.push(`<div class="card-block"><h3>Warnings and handled trace quirks</h3>${countsTable(warnings, 'Code', '')}</div>`);
  }
  if (parts.length === 0) return '';
  return `<h2>Notes</h2><section class="card grid2">${parts.join('')}</section>`;
}

/** Unmet demand by cause, when any went unmet (summaries written before the split have none). */
function unmetSection(result: RunResult): string {
  const { cpu } = result.summary;
  if (!cpu.unmetCauses || !(cpu.unmetMHzHours > 0)) return '';
  return (
    '<h2>Unmet demand by cause<small>demand above a VM\'s own size is unmet on any number of hosts</small></h2>' +
    `<section class="card">${unmetCausesTable(cpu.unmetCauses, cpu.demandMHzHours)}</section>`
  );
}
