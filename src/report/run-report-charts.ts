import type { RunResult } from '../metrics/run-result.js';
import { fmtInt, fmtPct0 } from '../common/number-format.js';
import { renderCdfChart } from './cdf-chart.js';
import { renderHeatmap } from './heatmap-chart.js';
import { renderLineChart } from './line-chart.js';
import { COLORS } from './palette.js';
import { formatDuration } from './time-axis.js';
import { cpuUnit, peak, powerUnit, scaled } from './unit-scale.js';

/** The charts of a run report, each a `<figure>`; `data-chart` names are stable. */

export function cpuChart(result: RunResult): string {
  const ts = result.timeseries;
  const unit = cpuUnit(Math.max(peak(ts.capacityMhz), peak(ts.demandMhz)));
  return figure(
    renderLineChart({
      name: 'cpu',
      title: 'Cluster CPU: demand, served and capacity',
      subtitle: `Means per ${formatDuration(ts.intervalSeconds)} interval; demand above served is unmet`,
      startSeconds: ts.startSeconds,
      intervalSeconds: ts.intervalSeconds,
      series: [
        { label: 'Served', values: scaled(ts.servedMhz, unit), color: COLORS.served, style: 'area' },
        { label: 'Demand', values: scaled(ts.demandMhz, unit), color: COLORS.demand },
        { label: 'Capacity of hosts on', values: scaled(ts.capacityMhz, unit), color: COLORS.capacity, style: 'dashed' },
      ],
      yLabel: `CPU (${unit.name})`,
    }),
  );
}

export function heatmapChart(result: RunResult): string {
  const hm = result.heatmap;
  return figure(
    renderHeatmap({
      name: 'heatmap',
      title: 'Host CPU utilization over time',
      rowIds: hm.hostIds,
      buckets: hm.buckets,
      bucketSeconds: hm.bucketSeconds,
      values: hm.utilization,
    }),
  );
}

export function hostUtilizationCdf(result: RunResult): string {
  return figure(
    renderCdfChart({
      name: 'host-utilization-cdf',
      title: 'Host utilization distribution',
      subtitle: 'One sample per host per heatmap bucket',
      series: [{ label: 'Host-buckets', values: result.heatmap.utilization, color: COLORS.served }],
      xLabel: 'CPU utilization (%)',
      xPercent: true,
      xMax: 1,
      yLabel: 'Share of host-buckets',
    }),
    'card',
  );
}

/** Per-VM unmet demand as a share of the VM's own demand; VMs without demand are left out. */
export function vmUnmetCdf(result: RunResult): string {
  const shares: number[] = [];
  for (const vm of result.vms) if (vm.demandMHzHours > 0) shares.push(vm.unmetMHzHours / vm.demandMHzHours);
  const none = shares.filter((s) => s === 0).length;
  const subtitle =
    shares.length > 0
      ? `${fmtInt(shares.length)} VMs with demand; ${fmtPct0(none / shares.length)} of them have none unmet`
      : 'No VM had CPU demand';
  return figure(
    renderCdfChart({
      name: 'vm-unmet-cdf',
      title: 'Unmet demand per VM',
      subtitle,
      series: [{ label: 'VMs', values: shares, color: COLORS.unmet }],
      xLabel: "Unmet CPU demand (% of the VM's demand)",
      xPercent: true,
      xMax: 1,
      yLabel: 'Share of VMs',
    }),
  );
}

export function powerChart(result: RunResult): string {
  const ts = result.timeseries;
  const unit = powerUnit(peak(ts.powerW));
  return figure(
    renderLineChart({
      name: 'power',
      title: 'Power draw',
      subtitle: `Mean per ${formatDuration(ts.intervalSeconds)} interval`,
      startSeconds: ts.startSeconds,
      intervalSeconds: ts.intervalSeconds,
      series: [{ label: 'Power', values: scaled(ts.powerW, unit), color: COLORS.power, style: 'area' }],
      yLabel: `Power (${unit.name})`,
      width: 470,
      height: 260,
    }),
  );
}

export function energyChart(result: RunResult): string {
  const ts = result.timeseries;
  return figure(
    renderLineChart({
      name: 'energy',
      title: 'Cumulative energy',
      subtitle: 'Energy used from the start to the end of each interval',
      startSeconds: ts.startSeconds,
      intervalSeconds: ts.intervalSeconds,
      series: [{ label: 'Energy', values: ts.energyKWhCumulative, color: COLORS.energy }],
      yLabel: 'Energy (kWh)',
      width: 470,
      height: 260,
    }),
  );
}

export function activeHostsChart(result: RunResult, wide: boolean): string {
  const ts = result.timeseries;
  const installed = new Float64Array(ts.startSeconds.length).fill(result.summary.hosts.total);
  return figure(
    renderLineChart({
      name: 'active-hosts',
      title: 'Hosts powered on',
      subtitle: `Mean per ${formatDuration(ts.intervalSeconds)} interval`,
      startSeconds: ts.startSeconds,
      intervalSeconds: ts.intervalSeconds,
      series: [
        { label: 'Hosts on', values: ts.activeHosts, color: COLORS.hosts, style: 'area' },
        { label: 'Hosts installed', values: installed, color: COLORS.reference, style: 'dashed' },
      ],
      yLabel: 'Hosts',
      width: wide ? 960 : 470,
      height: 260,
    }),
  );
}

/** Bins drawn at most in the migrations chart; counts are summed into wider bins beyond. */
const MIGRATION_BINS = 120;

export function migrationsChart(result: RunResult): string {
  const ts = result.timeseries;
  const binned = sumBins(ts.startSeconds, ts.migrations, ts.intervalSeconds, MIGRATION_BINS);
  return figure(
    renderLineChart({
      name: 'migrations',
      title: 'Live migrations',
      subtitle: `Migrations per ${formatDuration(binned.intervalSeconds)}`,
      startSeconds: binned.startSeconds,
      intervalSeconds: binned.intervalSeconds,
      series: [{ label: 'Migrations', values: binned.values, color: COLORS.migrations, style: 'area' }],
      yLabel: 'Migrations',
      width: 470,
      height: 260,
    }),
  );
}

/** Bin widths tried first, in seconds, so that bins read as round durations. */
const ROUND_BINS_SECONDS = [300, 600, 900, 1800, 3600, 7200, 10_800, 21_600, 43_200, 86_400, 172_800, 604_800];

/**
 * Sums consecutive intervals into at most maxBins bins of equal width (the last may be
 * shorter): the smallest round width (5 min ... 1 week) that is a whole number of intervals
 * and at most 4 times the least width that fits, else that least width.
 */
export function sumBins(
  starts: ArrayLike<number>,
  values: ArrayLike<number>,
  intervalSeconds: number,
  maxBins: number,
): { startSeconds: Float64Array; values: Float64Array; intervalSeconds: number } {
  const least = Math.max(1, Math.ceil(values.length / maxBins));
  const round = ROUND_BINS_SECONDS.find(
    (w) => w % intervalSeconds === 0 && w / intervalSeconds >= least && w / intervalSeconds <= 4 * least,
  );
  const per = round !== undefined ? round / intervalSeconds : least;
  const bins = Math.ceil(values.length / per);
  const startSeconds = new Float64Array(bins);
  const sums = new Float64Array(bins);
  for (let b = 0; b < bins; b++) startSeconds[b] = starts[b * per]!;
  for (let i = 0; i < values.length; i++) sums[Math.floor(i / per)]! += values[i]!;
  return { startSeconds, values: sums, intervalSeconds: per * intervalSeconds };
}

function figure(svg: string, className = 'card'): string {
  return `<figure class="${className}">${svg}</figure>`;
}
