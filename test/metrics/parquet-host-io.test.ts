import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { asyncBufferFromFile, parquetReadObjects } from 'hyparquet';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';

// Two VMs in the generic csv format, 300 s samples, each too big in memory (120,000 MiB) to share
// a Dell R740 (196,608 MiB; disk 2000 MB/s, NIC 25 Gbit/s), so first fit puts a on the first
// host and b on the second. Nothing is contended (every want is far below the bandwidth).
//   a: [0, 300) disk 100,000 + 50,000 KB/s = 150 MB/s, rx 200,000 KB/s = 200 MB/s = 1.6 Gbit/s
//      [300, 600) disk 30,000 KB/s = 30 MB/s, no network
//   b: [0, 300) no disk, tx 125,000 KB/s = 125 MB/s = 1 Gbit/s
//      [300, 600) disk 60,000 + 20,000 KB/s = 80 MB/s, no network
// hosts.parquet, per host and 300 s interval (demand = served):
//   host 1: disk 150, 30 MB/s; network 1.6, 0 Gbit/s      host 2: disk 0, 80; network 1, 0
// Summed over hosts (= io-timeseries.csv): disk 150, 110 MB/s; network 2.6, 0 Gbit/s.
// Per host over the run (= io-hosts.csv): host 1 disk (150 + 30) x 300 s / 3600 = 15 MB/s-h,
// network 1.6 x 300 / 3600 = 0.1333 Gbit/s-h; host 2 disk 80 x 300 / 3600 = 6.667 MB/s-h,
// network 1 x 300 / 3600 = 0.08333 Gbit/s-h.
const TRACE = [
  'timestamp_s,vm_id,cpu_usage_mhz,cpu_cores,cpu_capacity_mhz,memory_usage_mib,memory_capacity_mib,disk_read_kbps,disk_write_kbps,net_rx_kbps,net_tx_kbps',
  '0,a,1000,4,10000,1000,120000,100000,50000,200000,0',
  '0,b,1000,4,10000,1000,120000,0,0,0,125000',
  '300,a,1000,4,10000,1000,120000,30000,0,0,0',
  '300,b,1000,4,10000,1000,120000,60000,20000,0,0',
  '',
].join('\n');

const tmp = mkdtempSync(join(tmpdir(), 'rackplan-host-io-'));
const out = join(tmp, 'run');
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

type Row = Record<string, unknown>;
let rows: Row[];
let hostOf: Map<string, string>;
const csv = (name: string) => readFileSync(join(out, name), 'utf8').trim().split('\n').map((l) => l.split(','));

beforeAll(async () => {
  const trace = join(tmp, 'two.csv');
  writeFileSync(trace, TRACE);
  const r = runCli(join(tmp, 'cache'), 'replay', '--trace', trace, '--format', 'csv', '--host-model', 'dell-poweredge-r740', '--hosts', '2', '--placement', 'first-fit', '--parquet', '--out', out);
  if (r.code !== 0) throw new Error(r.stderr);
  rows = (await parquetReadObjects({ file: await asyncBufferFromFile(join(out, 'hosts.parquet')) })) as Row[];
  const [header, ...vms] = csv('vms.csv');
  hostOf = new Map(vms.map((line) => [line[0]!, line[header!.indexOf('host_id')]!]));
});

const near = (actual: unknown, expected: number) => expect(Math.abs((actual as number) - expected)).toBeLessThan(1e-9 * Math.max(1, expected));

describe('hosts.parquet: per-host disk and network per interval', () => {
  it('holds the hand-computed means of the two hosts', () => {
    expect(hostOf.get('a')).not.toBe(hostOf.get('b'));
    const expected: Record<string, [number, number, number, number]> = {
      // [disk at 0, disk at 300, network at 0, network at 300]
      a: [150, 30, 1.6, 0],
      b: [0, 80, 1, 0],
    };
    for (const [vm, [disk0, disk1, net0, net1]] of Object.entries(expected)) {
      const mine = rows.filter((r) => r['host'] === hostOf.get(vm));
      expect(mine.map((r) => r['interval_start_s'])).toEqual([0, 300]);
      for (const column of ['disk_demand_mbps', 'disk_served_mbps']) [disk0, disk1].forEach((v, t) => near(mine[t]![column], v));
      for (const column of ['network_demand_gbps', 'network_served_gbps']) [net0, net1].forEach((v, t) => near(mine[t]![column], v));
      expect(mine.every((r) => r['disk_capacity_mbps'] === 2000 && r['network_capacity_gbps'] === 25)).toBe(true);
    }
  });

  it('summed over hosts gives io-timeseries.csv (conservation), per host over time io-hosts.csv', () => {
    const [tsHeader, ...series] = csv('io-timeseries.csv');
    expect(series.map((line) => [Number(line[tsHeader!.indexOf('disk_served_mbps')]), Number(line[tsHeader!.indexOf('network_served_gbps')])])).toEqual([
      [150, 2.6],
      [110, 0],
    ]);
    for (const line of series) {
      const at = rows.filter((r) => r['interval_start_s'] === Number(line[0]));
      for (const [column, csvColumn] of [
        ['disk_demand_mbps', 'disk_demand_mbps'],
        ['disk_served_mbps', 'disk_served_mbps'],
        ['network_demand_gbps', 'network_demand_gbps'],
        ['network_served_gbps', 'network_served_gbps'],
      ] as const) {
        const total = at.reduce((sum, r) => sum + (r[column] as number), 0);
        expect(Math.abs(total - Number(line[tsHeader!.indexOf(csvColumn)]))).toBeLessThan(1e-3);
      }
    }
    const [ioHeader, ...hosts] = csv('io-hosts.csv');
    const hours = 300 / 3600;
    const totals = new Map(hosts.map((line) => [line[0]!, line]));
    const perHost = (host: string, column: string) => rows.filter((r) => r['host'] === host).reduce((sum, r) => sum + (r[column] as number) * hours, 0);
    for (const [vm, disk, network] of [
      ['a', 15, 1.6 * hours],
      ['b', 80 * hours, 1 * hours],
    ] as const) {
      const host = hostOf.get(vm)!;
      const line = totals.get(host)!;
      near(perHost(host, 'disk_served_mbps'), disk);
      near(perHost(host, 'network_served_gbps'), network);
      expect(Math.abs(perHost(host, 'disk_demand_mbps') - Number(line[ioHeader!.indexOf('disk_demand_mbps_hours')]))).toBeLessThan(1e-5);
      expect(Math.abs(perHost(host, 'network_served_gbps') - Number(line[ioHeader!.indexOf('network_served_gbps_hours')]))).toBeLessThan(1e-5);
    }
  });
});
