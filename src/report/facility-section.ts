import type { RunResult } from '../metrics/run-result.js';
import type { RackSummaryRow } from '../metrics/rack-summary.js';
import { fmt1, fmt2, fmtInt, fmtPct0, formatOrNa } from '../common/number-format.js';
import { escapeHtml } from './escape-html.js';
import { renderTable } from './html-table.js';
import { renderLineChart } from './line-chart.js';
import { COLORS } from './palette.js';
import { formatDuration } from './time-axis.js';

/**
 * The "Carbon" and "Racks" sections of the run report (docs/facility.md): intensity and
 * cumulative carbon over time with the figures they add up to, and each rack's peak power
 * against its budget. Empty for runs without a carbon intensity or rack limits.
 */
export function facilitySection(result: RunResult): string {
  return carbonPart(result) + racksPart(result);
}

function carbonPart(result: RunResult): string {
  const c = result.summary.carbon;
  const series = result.carbon;
  if (!c || !series) return '';
  const ts = result.timeseries;
  const intensity = renderLineChart({
    name: 'carbon-intensity',
    title: 'Grid carbon intensity',
    subtitle: `Mean per ${formatDuration(ts.intervalSeconds)} interval, from ${c.intensity}`,
    startSeconds: series.startSeconds,
    intervalSeconds: ts.intervalSeconds,
    series: [{ label: 'Intensity', values: series.gco2PerKWh, color: COLORS.unmet }],
    yLabel: 'gCO2 per kWh',
    width: 470,
    height: 260,
  });
  const cumulative = renderLineChart({
    name: 'carbon',
    title: 'Cumulative carbon',
    subtitle: `IT energy x PUE ${c.pue} x intensity, from the start to the end of each interval`,
    startSeconds: series.startSeconds,
    intervalSeconds: ts.intervalSeconds,
    series: [{ label: 'Carbon', values: series.carbonKgCumulative, color: COLORS.energy }],
    yLabel: 'Carbon (kg CO2)',
    width: 470,
    height: 260,
  });
  const start = { startAt: 'the scenario\'s carbon.startAt', trace: "the trace's own clock", file: "the intensity file's first row" }[c.startFrom];
  const rows = [
    { label: 'IT energy', value: `${fmt1(result.summary.energyKWh)} kWh` },
    { label: 'PUE', value: fmt2(c.pue) },
    { label: 'Facility energy', value: `${fmt1(c.facilityEnergyKWh)} kWh` },
    { label: 'Mean intensity', value: `${fmtInt(c.gco2PerKWhMean)} gCO2/kWh` },
    { label: 'Carbon', value: `${fmt1(c.carbonKg)} kg CO2` },
  ];
  const table = renderTable(
    [
      { header: 'Figure', text: (r) => r.label },
      { header: 'Value', align: 'right', text: (r) => r.value, attrs: (r) => ({ 'data-carbon': r.label }) },
    ],
    rows,
    { className: 'counts' },
  );
  return [
    '<h2>Carbon<small>the integral of IT power x PUE x the grid\'s intensity, interval by interval</small></h2>',
    `<p class="note">${escapeHtml(`Time 0 of the run is ${c.startEpochSeconds} s after the Unix epoch (from ${start}); the intensity file repeats yearly.`)}</p>`,
    `<div class="grid2"><figure class="card">${intensity}</figure><figure class="card">${cumulative}</figure></div>`,
    `<section class="card">${table}</section>`,
  ].join('\n');
}

function racksPart(result: RunResult): string {
  const racks = result.summary.racks;
  if (!racks) return '';
  const share = (r: RackSummaryRow) => (r.powerBudgetW === null ? 'n/a' : fmtPct0(r.peakRatedOnW / r.powerBudgetW));
  const table = renderTable(
    [
      { header: 'Rack', text: (r: RackSummaryRow) => r.rackId, attrs: (r) => ({ 'data-rack': r.rackId }) },
      { header: 'Hosts', align: 'right', text: (r) => fmtInt(r.hosts) },
      { header: 'Slots', align: 'right', text: (r) => formatOrNa(r.slots, fmtInt) },
      { header: 'Budget (W)', align: 'right', text: (r) => formatOrNa(r.powerBudgetW, fmtInt) },
      { header: 'Peak rating of hosts on (W)', align: 'right', text: (r) => fmtInt(r.peakRatedOnW), hint: 'the highest sum, at a report tick, of the peak power of the powered-on hosts: what the budget holds' },
      { header: 'Of budget', align: 'right', text: share },
      { header: 'Measured peak (W)', align: 'right', text: (r) => fmt1(r.peakPowerW), hint: 'the highest report-interval mean of the rack\'s power' },
    ],
    racks.rows,
    { className: 'counts' },
  );
  return [
    '<h2>Racks<small>power budgets and slots: a host is not switched on past its rack\'s budget at peak power</small></h2>',
    `<section class="card">${table}</section>`,
  ].join('\n');
}
