import type { DeferrableSummary, RunResult } from '../metrics/run-result.js';
import { fmt1, fmtInt, formatOrNa, fmtSci } from '../common/number-format.js';
import { renderTable } from './html-table.js';
import { renderLineChart } from './line-chart.js';
import { COLORS } from './palette.js';
import { formatDuration } from './time-axis.js';
import { demandShare } from './unmet-causes.js';

/**
 * Deferrable work in a run report: the backlog over time, and where the deferrable demand
 * went (served now, served late, pending, dropped) with the delays of what was served late.
 * Empty for runs without deferrable VMs.
 */
export function deferrableSection(result: RunResult): string {
  const d = result.summary.deferrable;
  if (!d) return '';
  return (
    `<h2>Deferrable work<small>${fmtInt(d.vms)} deferrable VMs; what they were not served waits in a backlog, first in first out</small></h2>` +
    `<div class="grid2">${backlogChart(result)}<section class="card">${deferrableTable(d)}${delayTable(d)}</section></div>`
  );
}

function backlogChart(result: RunResult): string {
  const b = result.backlog;
  const ts = result.timeseries;
  if (!b || b.startSeconds.length === 0) return '<section class="card"><p>No backlog series in this run\'s files.</p></section>';
  const intervalSeconds = b.startSeconds.length > 1 ? b.startSeconds[1]! - b.startSeconds[0]! : ts.intervalSeconds;
  return (
    '<figure class="card">' +
    renderLineChart({
      name: 'backlog',
      title: 'Deferrable work pending',
      subtitle: `Mean per ${formatDuration(intervalSeconds)} interval`,
      startSeconds: b.startSeconds,
      intervalSeconds,
      series: [{ label: 'Pending', values: Float64Array.from(b.pendingMHzSeconds, (x) => x / 3600), color: COLORS.unmet, style: 'area' }],
      yLabel: 'Pending (MHz·h)',
      width: 470,
      height: 260,
    }) +
    '</figure>'
  );
}

function deferrableTable(d: DeferrableSummary): string {
  const rows = [
    { label: 'Demand of deferrable VMs', value: d.demandMHzHours, key: 'demand' },
    { label: 'Served when it came', value: d.servedNowMHzHours, key: 'served-now' },
    { label: 'Served late', value: d.servedLateMHzHours, key: 'served-late' },
    { label: 'Still pending at the end', value: d.pendingMHzHours, key: 'pending' },
    { label: 'Dropped (above size, never placed, failed VMs)', value: d.droppedMHzHours, key: 'dropped' },
  ];
  return renderTable(
    [
      { header: 'Deferrable demand', text: (r) => r.label, attrs: (r) => ({ 'data-deferrable': r.key }) },
      { header: 'MHz·h', align: 'right', text: (r) => fmtInt(r.value) },
      { header: 'Share', align: 'right', text: (r) => (d.demandMHzHours > 0 ? demandShare(r.value / d.demandMHzHours) : 'n/a') },
    ],
    rows,
    { className: 'counts' },
  );
}

function delayTable(d: DeferrableSummary): string {
  const minutes = (seconds: number) => `${fmt1(seconds / 60)} min`;
  const q = d.delaySeconds;
  const rows = [
    { label: 'Delay p50 (weighted by work)', text: formatOrNa(q?.p50, minutes) },
    { label: 'Delay p95', text: formatOrNa(q?.p95, minutes) },
    { label: 'Delay max', text: formatOrNa(q?.max, minutes) },
    { label: 'Backlog peak', text: `${fmtInt(d.backlogPeakMHzHours)} MHz·h` },
    { label: 'Conservation error', text: fmtSci(d.conservationError) },
  ];
  return renderTable(
    [
      { header: 'Served late', text: (r) => r.label },
      { header: '', align: 'right', text: (r) => r.text },
    ],
    rows,
    { className: 'counts' },
  );
}
