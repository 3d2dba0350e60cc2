import type { BacklogSeries, HostRow, OutageRow, TimeSeries, VmRow } from './run-result.js';

/** File names of a run's output folder. */
export const RUN_FILES = {
  summary: 'summary.json',
  inputs: 'run.json',
  hosts: 'hosts.csv',
  vms: 'vms.csv',
  timeseries: 'timeseries.csv',
  heatmap: 'host-utilization.csv',
  outages: 'outages.csv',
  /** Disk and network per host, per VM and per interval (docs/io.md); absent in older runs. */
  ioHosts: 'io-hosts.csv',
  ioVms: 'io-vms.csv',
  ioTimeseries: 'io-timeseries.csv',
  /** Intensity and carbon per interval (docs/facility.md); only in runs with a carbon intensity. */
  carbon: 'carbon.csv',
  /** Deferrable work pending per report interval; only in runs with deferrable VMs. */
  backlog: 'backlog.csv',
  report: 'report.html',
} as const;

/**
 * One CSV column: its header, how many decimals it is written with (null for text), and which
 * row field it holds. The same table writes and reads a file, so the two cannot drift apart.
 */
export interface Column<Row> {
  header: string;
  decimals: number | null;
  field: keyof Row;
}

export const HOST_COLUMNS: Column<HostRow>[] = [
  { header: 'host_id', decimals: null, field: 'hostId' },
  { header: 'model', decimals: null, field: 'model' },
  { header: 'cluster', decimals: null, field: 'cluster' },
  { header: 'rack', decimals: null, field: 'rack' },
  { header: 'cpu_capacity_mhz', decimals: 3, field: 'cpuCapacityMhz' },
  { header: 'memory_mib', decimals: 0, field: 'memoryMiB' },
  { header: 'vms_placed', decimals: 0, field: 'vmsPlaced' },
  { header: 'demand_mhz_hours', decimals: 6, field: 'demandMHzHours' },
  { header: 'served_mhz_hours', decimals: 6, field: 'servedMHzHours' },
  { header: 'unmet_mhz_hours', decimals: 6, field: 'unmetMHzHours' },
  { header: 'utilization_mean', decimals: 6, field: 'utilizationMean' },
  { header: 'utilization_peak', decimals: 6, field: 'utilizationPeak' },
  { header: 'overloaded_hours', decimals: 6, field: 'overloadedHours' },
  { header: 'on_hours', decimals: 6, field: 'onHours' },
  { header: 'energy_kwh', decimals: 9, field: 'energyKWh' },
];

export const VM_COLUMNS: Column<VmRow>[] = [
  { header: 'vm_id', decimals: null, field: 'vmId' },
  { header: 'host_id', decimals: null, field: 'hostId' },
  { header: 'status', decimals: null, field: 'status' },
  { header: 'reason', decimals: null, field: 'reason' },
  { header: 'cores', decimals: 0, field: 'cores' },
  { header: 'cpu_capacity_mhz', decimals: 3, field: 'cpuCapacityMhz' },
  { header: 'memory_mib', decimals: 0, field: 'memoryMiB' },
  { header: 'demand_mhz_hours', decimals: 6, field: 'demandMHzHours' },
  { header: 'served_mhz_hours', decimals: 6, field: 'servedMHzHours' },
  { header: 'unmet_mhz_hours', decimals: 6, field: 'unmetMHzHours' },
  { header: 'restarts', decimals: 0, field: 'restarts' },
  { header: 'downtime_hours', decimals: 6, field: 'downtimeHours' },
  { header: 'lost_mhz_hours', decimals: 6, field: 'lostMHzHours' },
];

export const OUTAGE_COLUMNS: Column<OutageRow>[] = [
  { header: 'host_id', decimals: null, field: 'hostId' },
  { header: 'cause', decimals: null, field: 'cause' },
  { header: 'start_s', decimals: 3, field: 'startSeconds' },
  { header: 'end_s', decimals: 3, field: 'endSeconds' },
];

type SeriesKey = Exclude<keyof TimeSeries, 'intervalSeconds'>;

export const TIMESERIES_COLUMNS: { header: string; decimals: number; field: SeriesKey }[] = [
  { header: 'time_s', decimals: 0, field: 'startSeconds' },
  { header: 'demand_mhz', decimals: 3, field: 'demandMhz' },
  { header: 'served_mhz', decimals: 3, field: 'servedMhz' },
  { header: 'unmet_mhz', decimals: 3, field: 'unmetMhz' },
  { header: 'capacity_mhz', decimals: 3, field: 'capacityMhz' },
  { header: 'active_hosts', decimals: 4, field: 'activeHosts' },
  { header: 'power_w', decimals: 3, field: 'powerW' },
  { header: 'energy_kwh_cumulative', decimals: 6, field: 'energyKWhCumulative' },
  { header: 'migrations', decimals: 0, field: 'migrations' },
  { header: 'hosts_down', decimals: 4, field: 'hostsDown' },
  { header: 'vms_waiting', decimals: 4, field: 'vmsWaiting' },
];

export const BACKLOG_COLUMNS: { header: string; decimals: number; field: keyof BacklogSeries }[] = [
  { header: 'time_s', decimals: 0, field: 'startSeconds' },
  { header: 'pending_mhz_s', decimals: 3, field: 'pendingMHzSeconds' },
];

/** Decimals of host-utilization.csv cells. */
export const HEATMAP_DECIMALS = 4;

/** RFC 4180 quoting, only where a value needs it. */
export function csvField(value: string): string {
  return /[",\n\r]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

export function formatNumber(value: number, decimals: number): string {
  if (!Number.isFinite(value)) return '';
  const text = value.toFixed(decimals);
  // Only a negative zero after rounding ("-0", "-0.000") loses its sign; most cells are not negative.
  if (text.charCodeAt(0) !== 45) return text;
  return text === '-0' || /^-0\.0*$/.test(text) ? text.slice(1) : text;
}
