import type { RunResult } from './run-result.js';

/** One typed column of a long-format table; units are in the names. */
export type Column =
  | { name: string; type: 'STRING'; data: (string | null)[] }
  | { name: string; type: 'DOUBLE'; data: (number | null)[] }
  | { name: string; type: 'INT32'; data: number[] };

export type Table = Column[];

/**
 * hosts.parquet: one row per host and heatmap bucket (the buckets of host-utilization.csv),
 * with the host's guest-visible capacity, its mean utilization while on, the CPU it served
 * (utilization x capacity) and whether it was on at all. Off all bucket: utilization null.
 */
export function hostsTable(result: RunResult): Table {
  const { heatmap } = result;
  const capacity = new Map(result.hosts.map((h) => [h.hostId, h.cpuCapacityMhz]));
  const host: string[] = [];
  const start: number[] = [];
  const cap: number[] = [];
  const utilization: (number | null)[] = [];
  const served: (number | null)[] = [];
  const state: string[] = [];
  heatmap.hostIds.forEach((id, h) => {
    for (let b = 0; b < heatmap.buckets; b++) {
      const u = heatmap.utilization[h * heatmap.buckets + b]!;
      const on = Number.isFinite(u);
      host.push(id);
      start.push(b * heatmap.bucketSeconds);
      cap.push(capacity.get(id) ?? 0);
      utilization.push(on ? u : null);
      served.push(on ? u * (capacity.get(id) ?? 0) : null);
      state.push(on ? 'on' : 'off');
    }
  });
  return [
    { name: 'host', type: 'STRING', data: host },
    { name: 'interval_start_s', type: 'DOUBLE', data: start },
    { name: 'cpu_capacity_mhz', type: 'DOUBLE', data: cap },
    { name: 'cpu_utilization', type: 'DOUBLE', data: utilization },
    { name: 'cpu_served_mhz', type: 'DOUBLE', data: served },
    { name: 'state', type: 'STRING', data: state },
  ];
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
