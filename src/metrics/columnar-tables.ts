import type { IntervalSeries } from '../simulation/interval-series.js';
import type { RunResult } from './run-result.js';

/** One typed column of a long-format table; units are in the names. */
export type Column =
  | { name: string; type: 'STRING'; data: (string | null)[] }
  | { name: string; type: 'DOUBLE'; data: (number | null)[] }
  | { name: string; type: 'INT32'; data: number[] };

export type Table = Column[];

/**
 * hosts.parquet: one row per host and report interval (RunResult.intervals, recorded when
 * asked): mean CPU demand and served, guest-visible capacity, mean power, the fraction of the
 * interval the host was on, its state (`on` when on for any of it, else `off`), and its disk
 * and network bandwidth, demand and served.
 */
export function hostsTable(result: RunResult): Table {
  const series = requireIntervals(result);
  const ticks = series.recordedTicks;
  const host: string[] = [];
  const start: number[] = [];
  const capacity: number[] = [];
  const state: string[] = [];
  const pick = (values: Float32Array) => {
    const out: number[] = [];
    for (let h = 0; h < series.hostCount; h++) for (let t = 0; t < ticks; t++) out.push(values[t * series.hostCount + h]!);
    return out;
  };
  const on = pick(series.hostOnFraction);
  result.hosts.forEach((row, h) => {
    for (let t = 0; t < ticks; t++) {
      host.push(row.hostId);
      start.push((t * series.intervalMs) / 1000);
      capacity.push(row.cpuCapacityMhz);
      state.push(on[h * ticks + t]! > 0 ? 'on' : 'off');
    }
  });
  return [
    { name: 'host', type: 'STRING', data: host },
    { name: 'interval_start_s', type: 'DOUBLE', data: start },
    { name: 'cpu_demand_mhz', type: 'DOUBLE', data: pick(series.hostDemandMhz) },
    { name: 'cpu_served_mhz', type: 'DOUBLE', data: pick(series.hostServedMhz) },
    { name: 'cpu_capacity_mhz', type: 'DOUBLE', data: capacity },
    { name: 'power_w', type: 'DOUBLE', data: pick(series.hostPowerW) },
    { name: 'on_fraction', type: 'DOUBLE', data: on },
    { name: 'state', type: 'STRING', data: state },
    ...ioColumns(result, ticks),
  ];
}

/**
 * Disk and network of each row's host: bandwidth (null when the model gives none) and, when the
 * run recorded them, the interval's mean demand and served (migration copies count on both
 * hosts' NICs). Disk is read and write together, network receive and transmit together.
 */
function ioColumns(result: RunResult, ticks: number): Column[] {
  const io = result.io;
  if (!io) return [];
  const repeat = (value: (row: NonNullable<RunResult['io']>['hosts'][number]) => number) =>
    io.hosts.flatMap((row) => Array<number | null>(ticks).fill(Number.isFinite(value(row)) && value(row) > 0 ? value(row) : null));
  const columns: Column[] = [
    { name: 'disk_capacity_mbps', type: 'DOUBLE', data: repeat((row) => row.diskCapacityMBps) },
    { name: 'network_capacity_gbps', type: 'DOUBLE', data: repeat((row) => row.networkCapacityGbps) },
  ];
  const series = io.hostIntervals;
  if (!series) return columns;
  if (series.intervals !== ticks) throw new Error(`I/O series have ${series.intervals} intervals, the CPU series ${ticks}`);
  const col = (name: string, values: Float64Array): Column => ({ name, type: 'DOUBLE', data: Array.from(values) });
  return [
    ...columns,
    col('disk_demand_mbps', series.diskDemandMBps),
    col('disk_served_mbps', series.diskServedMBps),
    col('network_demand_gbps', series.networkDemandGbps),
    col('network_served_gbps', series.networkServedGbps),
  ];
}

/** vms.parquet: one row per VM and report interval: mean demand and served, host at its end. */
export function vmsTable(result: RunResult): Table {
  const series = requireIntervals(result);
  const ticks = series.recordedTicks;
  const vm: string[] = [];
  const start: number[] = [];
  const demand: number[] = [];
  const served: number[] = [];
  const host: (string | null)[] = [];
  result.vms.forEach((row, v) => {
    for (let t = 0; t < ticks; t++) {
      const i = t * series.vmCount + v;
      vm.push(row.vmId);
      start.push((t * series.intervalMs) / 1000);
      demand.push(series.vmDemandMhz[i]!);
      served.push(series.vmServedMhz[i]!);
      const h = series.vmHost[i]!;
      host.push(h >= 0 ? result.hosts[h]!.hostId : null);
    }
  });
  return [
    { name: 'vm', type: 'STRING', data: vm },
    { name: 'interval_start_s', type: 'DOUBLE', data: start },
    { name: 'cpu_demand_mhz', type: 'DOUBLE', data: demand },
    { name: 'cpu_served_mhz', type: 'DOUBLE', data: served },
    { name: 'host', type: 'STRING', data: host },
  ];
}

function requireIntervals(result: RunResult): IntervalSeries {
  if (!result.intervals) throw new Error('per-interval series were not recorded (run with recordIntervals)');
  return result.intervals;
}

/** timeseries.parquet: the cluster series of timeseries.csv, one row per report interval. */
export function clusterTable(result: RunResult): Table {
  const t = result.timeseries;
  const col = (name: string, values: Float64Array): Column => ({ name, type: 'DOUBLE', data: [...values] });
  return [
    col('interval_start_s', t.startSeconds),
    col('cpu_demand_mhz', t.demandMhz),
    col('cpu_served_mhz', t.servedMhz),
    col('cpu_unmet_mhz', t.unmetMhz),
    col('cpu_capacity_mhz', t.capacityMhz),
    col('active_hosts', t.activeHosts),
    col('power_w', t.powerW),
    col('energy_kwh_cumulative', t.energyKWhCumulative),
    col('migrations', t.migrations),
  ];
}

/**
 * events.parquet from the event log's text (docs/simulation.md): one row per line, the time in
 * seconds, the kind, the VM and host it names (null when none) and the other key=value fields
 * as they appear in the line.
 */
export function eventsTable(logText: string): Table {
  const time: number[] = [];
  const kind: string[] = [];
  const vm: (string | null)[] = [];
  const host: (string | null)[] = [];
  const fields: string[] = [];
  for (const line of logText.split('\n')) {
    if (line === '') continue;
    const parts = line.split(' ');
    time.push(Number(parts[0]));
    kind.push(parts[1] ?? '');
    let v: string | null = null;
    let h: string | null = null;
    const rest: string[] = [];
    for (const part of parts.slice(2)) {
      if (v === null && part.startsWith('vm=')) v = part.slice(3);
      else if (h === null && part.startsWith('host=')) h = part.slice(5);
      else rest.push(part);
    }
    vm.push(v);
    host.push(h);
    fields.push(rest.join(' '));
  }
  return [
    { name: 'time_s', type: 'DOUBLE', data: time },
    { name: 'kind', type: 'STRING', data: kind },
    { name: 'vm', type: 'STRING', data: vm },
    { name: 'host', type: 'STRING', data: host },
    { name: 'fields', type: 'STRING', data: fields },
  ];
}
