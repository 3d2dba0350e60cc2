import type { RunResult, VmRow } from '../metrics/run-result.js';
import { fmt1, fmt2, fmtInt, fmtPct1, formatNumber } from '../common/number-format.js';
import { escapeHtml } from './escape-html.js';
import { renderFailureTimeline } from './failure-timeline.js';
import { renderTable, type TableColumn } from './html-table.js';
import { renderLineChart } from './line-chart.js';
import { COLORS, OUTAGE_COLORS } from './palette.js';
import { formatDuration } from './time-axis.js';

/** Rows of the most-downtime table. */
export const DOWNTIME_ROWS = 15;

/** Shown in place of the section's charts when nothing failed and nothing was maintained. */
export const NO_FAILURES_TEXT = 'No failures or maintenance in this run.';

const fmtPct3 = formatNumber('.3%');

/** Whether a run had anything for the failure section: an outage (failure or maintenance) or a VM restart. */
export function hadFailures(result: RunResult): boolean {
  return (result.outages?.length ?? 0) > 0 || (result.summary.vmRestarts ?? 0) > 0;
}

/**
 * The "Failures and maintenance" section of the run report: a sentence of totals, the outage
 * timeline, hosts down and VMs waiting over time, and the VMs with the most downtime; or one
 * line saying there was nothing of the kind.
 */
export function failureSection(result: RunResult): string {
  const heading = '<h2>Failures and maintenance</h2>';
  if (!hadFailures(result)) return `${heading}<section class="card"><p class="empty">${escapeHtml(NO_FAILURES_TEXT)}</p></section>`;
  const ts = result.timeseries;
  const n = ts.startSeconds.length;
  const start = n > 0 ? ts.startSeconds[0]! : 0;
  const end = n > 0 ? ts.startSeconds[n - 1]! + ts.intervalSeconds : result.summary.simulatedSeconds;
  const parts = [heading, `<p class="note">${escapeHtml(totalsText(result))}</p>`];
  if (result.outages.length > 0) {
    const svg = renderFailureTimeline({
      name: 'failure-timeline',
      title: 'Host outages over time',
      hostOrder: result.hosts.map((h) => h.hostId),
      outages: result.outages,
      startSeconds: start,
      endSeconds: end,
    });
    parts.push(`<figure class="card">${svg}</figure>`);
  }
  parts.push(hostsDownChart(result));
  parts.push(`<h2>VMs with the most downtime<small>top ${DOWNTIME_ROWS}</small></h2>`);
  parts.push(`<section class="card">${downtimeTable(result.vms)}</section>`);
  return parts.join('\n');
}

/** e.g. `6 host failures and 12 hosts upgraded in maintenance (173 migrations, 6.0 host-hours down); 124 VM restarts, ...`. */
export function totalsText(result: RunResult): string {
  const s = result.summary;
  const m = s.maintenance;
  const failures = `${fmtInt(s.hostFailures ?? 0)} host ${s.hostFailures === 1 ? 'failure' : 'failures'}`;
  const maintenance =
    m && m.hostsUpgraded > 0
      ? ` and ${fmtInt(m.hostsUpgraded)} ${m.hostsUpgraded === 1 ? 'host' : 'hosts'} upgraded in rolling maintenance ` +
        `(${fmtInt(m.migrations)} migrations, ${fmt1(m.hostHoursDown)} host-hours down)`
      : '';
  const restarts = `${fmtInt(s.vmRestarts ?? 0)} VM ${s.vmRestarts === 1 ? 'restart' : 'restarts'}`;
  const failed = (s.vmsFailed ?? 0) > 0 ? `, ${fmtInt(s.vmsFailed)} VMs given up after the restart limit` : '';
  return (
    `${failures}${maintenance}; ${restarts}${failed}; ${fmt1(s.vmDowntimeHours ?? 0)} VM-hours of downtime, ` +
    `${fmtInt(s.lostMHzHours ?? 0)} MHz·h of demand lost while VMs were down; availability ${s.availability === null ? 'undefined (no VM ran)' : fmtPct3(s.availability ?? 1)}.`
  );
}

function hostsDownChart(result: RunResult): string {
  const ts = result.timeseries;
  const empty = new Float64Array(ts.startSeconds.length);
  const svg = renderLineChart({
    name: 'hosts-down',
    title: 'Hosts down and VMs waiting',
    subtitle: `Means per ${formatDuration(ts.intervalSeconds)} interval: hosts failed or in maintenance, VMs waiting for a host to restart on`,
    startSeconds: ts.startSeconds,
    intervalSeconds: ts.intervalSeconds,
    series: [
      { label: 'Hosts down', values: ts.hostsDown ?? empty, color: OUTAGE_COLORS.host!, style: 'area' },
      { label: 'VMs waiting', values: ts.vmsWaiting ?? empty, color: COLORS.unmet },
    ],
    yLabel: 'Hosts or VMs',
    height: 240,
  });
  return `<figure class="card">${svg}</figure>`;
}

/** VMs that were down or restarted, most downtime first, then most demand lost, then VM id. */
export function topDowntimeVms(vms: VmRow[], limit = DOWNTIME_ROWS): VmRow[] {
  return vms
    .filter((v) => v.downtimeHours > 0 || v.restarts > 0 || v.status === 'failed')
    .sort((a, b) => b.downtimeHours - a.downtimeHours || b.lostMHzHours - a.lostMHzHours || compareIds(a.vmId, b.vmId))
    .slice(0, limit);
}

const DOWNTIME_COLUMNS: TableColumn<VmRow>[] = [
  { header: 'VM', text: (v) => v.vmId },
  { header: 'Host', text: (v) => (v.status === 'failed' ? 'failed (restart limit)' : v.hostId) },
  { header: 'Restarts', align: 'right', text: (v) => fmtInt(v.restarts) },
  { header: 'Downtime (h)', align: 'right', text: (v) => fmt2(v.downtimeHours) },
  { header: 'Lost (MHz·h)', align: 'right', text: (v) => fmtInt(v.lostMHzHours) },
  { header: 'Lost share', align: 'right', text: (v) => (v.demandMHzHours > 0 ? fmtPct1(v.lostMHzHours / v.demandMHzHours) : '-') },
];

export function downtimeTable(vms: VmRow[]): string {
  return renderTable(DOWNTIME_COLUMNS, topDowntimeVms(vms), {
    className: 'top-downtime',
    empty: 'No VM was down.',
  });
}

/** Code-point order, independent of locale. */
function compareIds(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
