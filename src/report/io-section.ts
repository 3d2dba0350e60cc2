import type { IoHostRow } from '../metrics/io-result.js';
import type { RunResult } from '../metrics/run-result.js';
import { fmt1, fmt2, fmtInt, fmtPct1, fmtPct2 } from '../common/number-format.js';
import { escapeHtml } from './escape-html.js';
import { renderTile, summaryValue, type HeadlineMetric } from './headline-metrics.js';
import { renderTable, type TableColumn } from './html-table.js';
import { bottleneckChart, diskChart, networkChart, resourceUtilizationChart } from './io-charts.js';

/** Rows of the bottleneck table. */
export const BOTTLENECK_ROWS = 15;

const positive = (value: number): boolean => value > 0;

/** The figures at the top of the section, by key path into RunSummary (as `data-metric`). */
export const IO_METRICS: readonly HeadlineMetric[] = [
  { key: 'disk.utilizationMean', label: 'Disk utilization, mean', unit: '', format: fmtPct1 },
  { key: 'disk.utilizationP95', label: 'Disk utilization, p95', unit: '', format: fmtPct1 },
  { key: 'disk.unmetFraction', label: 'Disk unmet, share', unit: '', format: fmtPct2, warn: positive },
  { key: 'network.utilizationMean', label: 'Network utilization, mean', unit: '', format: fmtPct1 },
  { key: 'network.utilizationP95', label: 'Network utilization, p95', unit: '', format: fmtPct1 },
  { key: 'network.unmetFraction', label: 'Network unmet, share', unit: '', format: fmtPct2, warn: positive },
];

/**
 * The "Disk and network" section of the run report: where the figures come from, utilization
 * tiles, the cluster's disk and network over time, utilization by resource, and the bottleneck
 * view (which resource binds first on each host). Empty for runs without I/O accounting.
 */
export function ioSection(result: RunResult): string {
  const { summary, io } = result;
  if (!summary.disk || !summary.network || !io) return '';
  const interval = result.timeseries.intervalSeconds;
  const tiles = IO_METRICS.map((m) => renderTile(m, summaryValue(summary, m.key) ?? Number.NaN)).join('');
  return [
    '<h2>Disk and network<small>shared like CPU: max-min fair, or elastic where the scenario says so</small></h2>',
    `<p class="note">${escapeHtml(sourceText(result))}</p>`,
    `<div class="metrics io">${tiles}</div>`,
    `<div class="grid2">${diskChart(io, interval)}${networkChart(io, interval, summary.network.migrationDemandGbpsHours > 0)}</div>`,
    '<h2>Bottlenecks<small>the resource that binds first on each host: the highest mean demand / capacity (d/c)</small></h2>',
    `<div class="grid2">${resourceUtilizationChart(summary)}${bottleneckChart(io.hosts)}</div>`,
    `<section class="card">${bottleneckTable(io.hosts)}</section>`,
  ].join('\n');
}

/** Where disk and network figures come from, and which hosts have no bandwidth figure. */
export function sourceText(result: RunResult): string {
  const { disk, network } = result.summary;
  const from = (source: string | undefined) => (source === 'trace' ? "the trace's I/O columns" : 'nothing: the trace has no I/O columns, so every VM demands 0');
  const parts = [`Disk (read + write) and network (receive + transmit) demand come from ${from(disk?.source)}.`];
  if (disk && disk.hostsUnrated > 0) parts.push(`${fmtInt(disk.hostsUnrated)} hosts have no disk bandwidth in their model: never contended, left out of capacity.`);
  if (network && network.hostsUnrated > 0) parts.push(`${fmtInt(network.hostsUnrated)} hosts have no NIC bandwidth in their model: never contended, left out of capacity.`);
  if (network && network.migrationDemandGbpsHours > 0) parts.push('Live-migration copies use the network of both hosts.');
  return parts.join(' ');
}

/** Hosts with the highest demand / capacity in any resource first, then by host id. */
export function topBottleneckHosts(hosts: IoHostRow[], limit = BOTTLENECK_ROWS): IoHostRow[] {
  const worst = (h: IoHostRow) => Math.max(h.cpuDemandRatio, h.diskDemandRatio, h.networkDemandRatio);
  return hosts
    .filter((h) => h.bottleneck !== 'none')
    .sort((a, b) => worst(b) - worst(a) || (a.hostId < b.hostId ? -1 : a.hostId > b.hostId ? 1 : 0))
    .slice(0, limit);
}

const ratio = (value: number): string => fmtPct1(value);

const BOTTLENECK_COLUMNS: TableColumn<IoHostRow>[] = [
  { header: 'Host', text: (h) => h.hostId },
  { header: 'Binds first', text: (h) => h.bottleneck, attrs: (h) => ({ 'data-bottleneck': h.bottleneck }) },
  { header: 'CPU d/c', align: 'right', text: (h) => ratio(h.cpuDemandRatio), hint: 'Mean CPU demand / guest CPU while on' },
  { header: 'Disk d/c', align: 'right', text: (h) => (Number.isNaN(h.diskCapacityMBps) ? 'unrated' : ratio(h.diskDemandRatio)), hint: 'Mean disk demand / disk bandwidth while on' },
  { header: 'Net d/c', align: 'right', text: (h) => (Number.isNaN(h.networkCapacityGbps) ? 'unrated' : ratio(h.networkDemandRatio)), hint: 'Mean network demand / NIC bandwidth while on' },
  { header: 'Disk unmet (MB/s·h)', align: 'right', text: (h) => fmt1(h.diskUnmetMBpsHours) },
  { header: 'Net unmet (Gbit/s·h)', align: 'right', text: (h) => fmt2(h.networkUnmetGbpsHours) },
];

export function bottleneckTable(hosts: IoHostRow[]): string {
  return renderTable(BOTTLENECK_COLUMNS, topBottleneckHosts(hosts), { className: 'bottlenecks', empty: 'No host had any demand.' });
}
