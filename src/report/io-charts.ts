import type { IoHostRow, IoResult } from '../metrics/io-result.js';
import type { RunSummary } from '../metrics/run-result.js';
import { fmtInt, fmtPct0 } from '../common/number-format.js';
import { renderBarChart } from './bar-chart.js';
import { renderLineChart, type LineSeries } from './line-chart.js';
import { categoryColor, COLORS } from './palette.js';
import { formatDuration } from './time-axis.js';
import { peak, scaled, type DisplayUnit } from './unit-scale.js';

/** The charts of the run report's disk and network section; `data-chart` names are stable. */

/** Disk rates: MB/s below 10,000 MB/s at the peak, GB/s above. */
function diskUnit(peakMBps: number): DisplayUnit {
  return peakMBps >= 10_000 ? { name: 'GB/s', divisor: 1000 } : { name: 'MB/s', divisor: 1 };
}

/** Network rates: Mbit/s below 1 Gbit/s at the peak, Gbit/s above. */
function networkUnit(peakGbps: number): DisplayUnit {
  return peakGbps >= 1 ? { name: 'Gbit/s', divisor: 1 } : { name: 'Mbit/s', divisor: 0.001 };
}

function figure(svg: string): string {
  return `<figure class="card">${svg}</figure>`;
}

/** Cluster disk over time: served, demand and the bandwidth of the rated hosts on. */
export function diskChart(io: IoResult, intervalSeconds: number): string {
  const ts = io.timeseries;
  const unit = diskUnit(Math.max(peak(ts.diskDemandMBps), peak(ts.diskCapacityMBps)));
  return figure(
    renderLineChart({
      name: 'disk',
      title: 'Cluster disk: demand, served and bandwidth',
      subtitle: `Read + write, means per ${formatDuration(intervalSeconds)} interval`,
      startSeconds: ts.startSeconds,
      intervalSeconds,
      series: [
        { label: 'Served', values: scaled(ts.diskServedMBps, unit), color: COLORS.served, style: 'area' },
        { label: 'Demand', values: scaled(ts.diskDemandMBps, unit), color: COLORS.demand },
        { label: 'Bandwidth of hosts on', values: scaled(ts.diskCapacityMBps, unit), color: COLORS.capacity, style: 'dashed' },
      ],
      yLabel: `Disk (${unit.name})`,
      width: 470,
      height: 280,
    }),
  );
}

/** Cluster network over time; live-migration copies are drawn when there were any. */
export function networkChart(io: IoResult, intervalSeconds: number, withMigrations: boolean): string {
  const ts = io.timeseries;
  const unit = networkUnit(Math.max(peak(ts.networkDemandGbps), peak(ts.networkCapacityGbps)));
  const series: LineSeries[] = [
    { label: 'Served', values: scaled(ts.networkServedGbps, unit), color: COLORS.served, style: 'area' },
    { label: 'Demand', values: scaled(ts.networkDemandGbps, unit), color: COLORS.demand },
    { label: 'Bandwidth of hosts on', values: scaled(ts.networkCapacityGbps, unit), color: COLORS.capacity, style: 'dashed' },
  ];
  if (withMigrations) series.push({ label: 'Migration copies', values: scaled(ts.migrationGbps, unit), color: COLORS.migrations });
  return figure(
    renderLineChart({
      name: 'network',
      title: 'Cluster network: demand, served and bandwidth',
      subtitle: `Receive + transmit, means per ${formatDuration(intervalSeconds)} interval`,
      startSeconds: ts.startSeconds,
      intervalSeconds,
      series,
      yLabel: `Network (${unit.name})`,
      width: 470,
      height: 280,
    }),
  );
}

/** Mean, p95 and peak utilization of CPU, disk and network side by side. */
export function resourceUtilizationChart(summary: RunSummary): string {
  const resources = [summary.cpu, summary.disk ?? null, summary.network ?? null];
  const stat = (key: 'utilizationMean' | 'utilizationP95' | 'utilizationPeak') => resources.map((r) => (r ? r[key] : null));
  return figure(
    renderBarChart({
      name: 'resource-utilization',
      title: 'Utilization by resource',
      subtitle: 'Served / capacity of the hosts on; p95 over hosts and intervals',
      categories: ['CPU', 'Disk', 'Network'],
      series: [
        { label: 'Mean', color: categoryColor(0), values: stat('utilizationMean') },
        { label: 'p95', color: categoryColor(1), values: stat('utilizationP95') },
        { label: 'Peak', color: categoryColor(2), values: stat('utilizationPeak') },
      ],
      yLabel: 'Utilization (%)',
      yPercent: true,
      valueFormat: fmtPct0,
    }),
  );
}

/** The resources a host can be bound by, in the order of io-bottleneck.ts, then `none`. */
export const BOTTLENECK_CATEGORIES = ['cpu', 'disk', 'network', 'none'] as const;

/** How many hosts each resource binds first. */
export function bottleneckChart(hosts: IoHostRow[]): string {
  const counts = BOTTLENECK_CATEGORIES.map((b) => hosts.filter((h) => h.bottleneck === b).length);
  return figure(
    renderBarChart({
      name: 'bottlenecks',
      title: 'Hosts by the resource that binds first',
      subtitle: 'Highest mean demand / capacity while on',
      categories: ['CPU', 'Disk', 'Network', 'No demand'],
      series: [{ label: 'Hosts', color: COLORS.served, values: counts }],
      yLabel: 'Hosts',
      valueFormat: fmtInt,
    }),
  );
}
