import type { CompareScenario } from '../compare/compare-result.js';
import { fmt2, fmtInt, fmtPct1, fmtPct2, fmtUsd, formatOrNa } from '../common/number-format.js';
import { renderBarChart, type BarSeries } from './bar-chart.js';
import { renderLineChart } from './line-chart.js';
import { categoryColor, COLORS } from './palette.js';
import { formatDuration } from './time-axis.js';

/** The charts of the comparison report, each a `<figure>`; `data-chart` names are stable. */

/** Beyond this many scenarios the bar charts take the full width, one per row. */
export const NARROW_BARS_MAX_SCENARIOS = 6;

/** Whether any scenario consolidates dynamically (then migrations and SLAV get their own charts). */
export function hasConsolidation(scenarios: CompareScenario[]): boolean {
  return scenarios.some((s) => s.policy !== 'none' || s.migrations > 0);
}

/** Servers, energy, unmet demand and cost bars; migrations and SLAV too when any scenario consolidates. */
export function compareBarCharts(scenarios: CompareScenario[]): string {
  const wide = scenarios.length > NARROW_BARS_MAX_SCENARIOS;
  const width = wide ? 960 : 470;
  const categories = scenarios.map((s) => s.label);
  const one = (label: string, values: (number | null)[], color: string): BarSeries[] => [{ label, color, values }];
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
      width,
    }),
    renderBarChart({
      name: 'energy',
      title: 'Energy',
      subtitle: 'Over the whole run',
      categories,
      series: one('Energy', scenarios.map((s) => s.energyKWh), COLORS.energy),
      yLabel: 'Energy (kWh)',
      valueFormat: fmtInt,
      width,
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
      width,
    }),
    renderBarChart({
      name: 'cost',
      title: 'Host cost',
      subtitle: scenarios.some((s) => s.costUsd === null) ? 'Total host cost; n/a where the host models give none' : 'Total host cost',
      categories,
      series: one('Cost', scenarios.map((s) => s.costUsd), '#7b5ea7'),
      yLabel: 'Cost (USD)',
      valueFormat: fmtUsd,
      width,
    }),
  ];
  if (hasConsolidation(scenarios)) charts.push(migrationsChart(scenarios, width), slavChart(scenarios, width));
  const figures = charts.map((c) => `<figure class="card">${c}</figure>`).join('');
  return wide ? figures : `<div class="grid2">${figures}</div>`;
}

function migrationsChart(scenarios: CompareScenario[], width: number): string {
  return renderBarChart({
    name: 'migrations',
    title: 'Live migrations',
    subtitle: 'Moves by dynamic consolidation over the whole run',
    categories: scenarios.map((s) => s.label),
    series: [{ label: 'Migrations', color: COLORS.migrations, values: scenarios.map((s) => s.migrations) }],
    yLabel: 'Migrations',
    valueFormat: fmtInt,
    width,
  });
}

/**
 * SLAV (slatah x pdm) is often ~1e-8 to 1e-4: the values are drawn in units of the power of
 * ten at or below the largest one, named in the axis label (`SLAV (x 1e-6)`).
 */
function slavChart(scenarios: CompareScenario[], width: number): string {
  const largest = Math.max(0, ...scenarios.map((s) => (Number.isFinite(s.slav) ? s.slav : 0)));
  const exponent = largest > 0 ? Math.floor(Math.log10(largest)) : 0;
  const unit = 10 ** exponent;
  return renderBarChart({
    name: 'slav',
    title: 'SLA violation (SLAV)',
    subtitle: 'Time hosts spent overloaded x performance lost to migrations',
    categories: scenarios.map((s) => s.label),
    series: [{ label: 'SLAV', color: COLORS.unmet, values: scenarios.map((s) => s.slav / unit) }],
    yLabel: exponent === 0 ? 'SLAV' : `SLAV (× 1e${exponent})`,
    valueFormat: fmt2,
    width,
  });
}

/**
 * Powered-on hosts over time, one line per pool. Dedicated servers (the physical family) are
 * all on for the whole run by construction, so their flat line is named in the subtitle
 * instead of drawn: at 100 servers it would squash pools of 3 to 6 hosts against the axis.
 */
/** More lines than this in one chart reuse colours and cannot be told apart: small multiples instead. */
const MAX_LINES_PER_CHART = 6;

/**
 * Hosts powered on over time: one chart with a line per pool scenario, or, with more pools
 * than MAX_LINES_PER_CHART (a policy axis), small multiples: one chart per scenario, its policy
 * variants as the lines.
 */
export function compareActiveHostsChart(scenarios: CompareScenario[]): string {
  const pools = scenarios.filter((s) => s.family !== 'physical');
  if (pools.length <= MAX_LINES_PER_CHART) return activeHostsFigure(scenarios, 'active-hosts', 'Hosts powered on');
  // A policy variant's id is its scenario's id plus `-<policy>` (compare-variants.ts withPolicy).
  const baseOf = (s: CompareScenario) => (s.policy === 'none' ? s.id : s.id.slice(0, -(s.policy.length + 1)));
  const bases = [...new Set(pools.map(baseOf))];
  const charts = bases.map((base) => {
    const members = pools.filter((s) => baseOf(s) === base);
    return activeHostsFigure(members, `active-hosts-${base}`, `Hosts powered on: ${members[0]!.label}`);
  });
  return `<div class="grid2">${charts.join('')}</div>`;
}

function activeHostsFigure(scenarios: CompareScenario[], name: string, title: string): string {
  const drawn = scenarios.map((s, i) => ({ s, color: categoryColor(i) })).filter(({ s }) => s.family !== 'physical');
  const dedicated = scenarios.filter((s) => s.family === 'physical');
  const first = (drawn[0]?.s ?? scenarios[0])?.series;
  const left = dedicated.map((s) => `${s.label}: ${fmtInt(s.serversNeeded)} ${s.serversNeeded === 1 ? 'server' : 'servers'}`).join(', ');
  const parts = [
    first ? `Mean per ${formatDuration(first.intervalSeconds)} interval, one line per scenario` : '',
    left ? `dedicated servers are on all the time and not drawn (${left})` : '',
  ].filter((p) => p !== '');
  const svg = renderLineChart({
    name,
    title,
    subtitle: parts.length > 0 ? parts.join('; ') : undefined,
    startSeconds: first?.startSeconds ?? [],
    intervalSeconds: first?.intervalSeconds ?? 1,
    series: drawn.map(({ s, color }) => ({ label: s.label, values: s.series.activeHosts, color })),
    yLabel: 'Hosts',
  });
  return `<figure class="card">${svg}</figure>`;
}

export function compareUtilizationChart(scenario: CompareScenario, index: number): string {
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
