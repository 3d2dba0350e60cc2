import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { asyncBufferFromFile, parquetMetadataAsync, parquetReadObjects } from 'hyparquet';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { stableStringify } from '../../src/common/stable-json.js';
import { loadScenario } from '../../src/scenario/load-scenario.js';
import { runScenario } from '../../src/scenario/run-scenario.js';

/** Every Parquet file read back with hyparquet and checked against the CSV and JSON beside it. */
const tmp = mkdtempSync(join(tmpdir(), 'rackplan-parquet-'));
const run = join(tmp, 'run');
const sweep = join(tmp, 'sweep');
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

beforeAll(() => {
  const replay = runCli(tmp, 'replay', '--scenario', 'default', '--events', '--parquet', '--out', run);
  if (replay.code !== 0) throw new Error(replay.stderr);
  const swept = runCli(tmp, 'sweep', 'models/sweeps/tiny.json', '--parquet', '--workers', '1', '--out', sweep);
  if (swept.code !== 0) throw new Error(swept.stderr);
});

async function read(path: string): Promise<Record<string, unknown>[]> {
  return (await parquetReadObjects({ file: await asyncBufferFromFile(path) })) as Record<string, unknown>[];
}

const csv = (path: string) => readFileSync(path, 'utf8').trim().split('\n').map((l) => l.split(','));

describe('Parquet outputs', () => {
  it('recording the interval series changes no other result', async () => {
    const scenario = loadScenario('default', { durationSeconds: 21_600 });
    const plain = await runScenario(scenario, { cacheDir: null });
    const recorded = await runScenario(scenario, { cacheDir: null, recordIntervals: true });
    expect(plain.intervals).toBeUndefined();
    expect(recorded.intervals!.recordedTicks).toBe(72);
    expect(plain.io!.hostIntervals).toBeUndefined();
    expect(recorded.io!.hostIntervals!.intervals).toBe(72);
    const { intervals: _intervals, io, ...rest } = recorded;
    const { hostIntervals: _hostIntervals, ...ioRest } = io!;
    expect(stableStringify({ ...rest, io: ioRest })).toBe(stableStringify(plain));
  });

  it('hosts.parquet: per host and interval, summing to hosts.csv and to timeseries.csv', async () => {
    const rows = await read(join(run, 'hosts.parquet'));
    const [header, ...table] = csv(join(run, 'hosts.csv'));
    const [tsHeader, ...series] = csv(join(run, 'timeseries.csv'));
    const end = (JSON.parse(readFileSync(join(run, 'summary.json'), 'utf8')) as { simulatedSeconds: number }).simulatedSeconds;
    expect(rows).toHaveLength(table.length * series.length);
    const hours = (row: Record<string, unknown>) => (Math.min(300, end - (row['interval_start_s'] as number)) / 3600);
    const col = (name: string) => header!.indexOf(name);
    for (const line of table) {
      const mine = rows.filter((r) => r['host'] === line[0]);
      expect(mine).toHaveLength(series.length);
      const demand = mine.reduce((sum, r) => sum + (r['cpu_demand_mhz'] as number) * hours(r), 0);
      const energy = mine.reduce((sum, r) => sum + ((r['power_w'] as number) * hours(r)) / 1000, 0);
      const onHours = mine.reduce((sum, r) => sum + (r['on_fraction'] as number) * hours(r), 0);
      expect(demand).toBeCloseTo(Number(line[col('demand_mhz_hours')]), -1);
      expect(Math.abs(energy - Number(line[col('energy_kwh')]))).toBeLessThan(1e-4 * Number(line[col('energy_kwh')]) + 1e-6);
      expect(Math.abs(onHours - Number(line[col('on_hours')]))).toBeLessThan(1e-3);
      expect(mine.every((r) => r['cpu_capacity_mhz'] === Number(line[col('cpu_capacity_mhz')]) || Math.abs((r['cpu_capacity_mhz'] as number) - Number(line[col('cpu_capacity_mhz')])) < 1e-3)).toBe(true);
      expect(mine.every((r) => r['state'] === ((r['on_fraction'] as number) > 0 ? 'on' : 'off'))).toBe(true);
    }
    series.forEach((line) => {
      const served = rows.filter((r) => r['interval_start_s'] === Number(line[0])).reduce((sum, r) => sum + (r['cpu_served_mhz'] as number), 0);
      expect(Math.abs(served - Number(line[tsHeader!.indexOf('served_mhz')]))).toBeLessThan(1e-4 * served + 1e-2);
    });
    const io = csv(join(run, 'io-hosts.csv'));
    for (const line of io.slice(1)) {
      const row = rows.find((r) => r['host'] === line[0])!;
      expect(row['disk_capacity_mbps']).toBe(Number(line[io[0]!.indexOf('disk_capacity_mbps')]));
      expect(row['network_capacity_gbps']).toBe(Number(line[io[0]!.indexOf('network_capacity_gbps')]));
    }
    const schema = (await parquetMetadataAsync(await asyncBufferFromFile(join(run, 'hosts.parquet')))).schema.map((s) => [s.name, s.type]);
    expect(schema).toContainEqual(['cpu_capacity_mhz', 'DOUBLE']);
    expect(schema).toContainEqual(['host', 'BYTE_ARRAY']);
  });

  it('vms.parquet: per VM and interval, summing to vms.csv, on the host vms.csv names', async () => {
    const rows = await read(join(run, 'vms.parquet'));
    const [header, ...table] = csv(join(run, 'vms.csv'));
    const end = (JSON.parse(readFileSync(join(run, 'summary.json'), 'utf8')) as { simulatedSeconds: number }).simulatedSeconds;
    const perVm = rows.length / table.length;
    expect(Number.isInteger(perVm)).toBe(true);
    table.forEach((line, v) => {
      const mine = rows.slice(v * perVm, (v + 1) * perVm);
      expect(mine.every((r) => r['vm'] === line[0])).toBe(true);
      const hours = (r: Record<string, unknown>) => Math.min(300, end - (r['interval_start_s'] as number)) / 3600;
      const demand = mine.reduce((sum, r) => sum + (r['cpu_demand_mhz'] as number) * hours(r), 0);
      const served = mine.reduce((sum, r) => sum + (r['cpu_served_mhz'] as number) * hours(r), 0);
      const expected = Number(line[header!.indexOf('demand_mhz_hours')]);
      expect(Math.abs(demand - expected)).toBeLessThan(1e-4 * expected + 1e-3);
      expect(Math.abs(served - Number(line[header!.indexOf('served_mhz_hours')]))).toBeLessThan(1e-4 * expected + 1e-3);
      const hosts = new Set(mine.map((r) => r['host']).filter((h) => h !== null));
      expect([...hosts]).toEqual([line[1]]);
    });
  });

  it('timeseries.parquet matches timeseries.csv row by row', async () => {
    const rows = await read(join(run, 'timeseries.parquet'));
    const [header, ...table] = csv(join(run, 'timeseries.csv'));
    expect(rows).toHaveLength(table.length);
    const pairs: [string, string][] = [['interval_start_s', 'time_s'], ['cpu_demand_mhz', 'demand_mhz'], ['cpu_served_mhz', 'served_mhz'], ['power_w', 'power_w'], ['migrations', 'migrations']];
    table.forEach((line, r) => {
      for (const [column, csvColumn] of pairs) {
        const value = Number(line[header!.indexOf(csvColumn)]);
        expect(Math.abs((rows[r]![column] as number) - value)).toBeLessThanOrEqual(Math.abs(value) * 1e-9 + 5e-4);
      }
    });
  });

  it('events.parquet holds every line of events.log', async () => {
    const rows = await read(join(run, 'events.parquet'));
    const lines = readFileSync(join(run, 'events.log'), 'utf8').trim().split('\n');
    expect(rows).toHaveLength(lines.length);
    lines.forEach((line, i) => {
      const row = rows[i]!;
      const rebuilt = [(row['time_s'] as number).toFixed(3), row['kind'], row['vm'] !== null ? `vm=${String(row['vm'])}` : '', row['host'] !== null ? `host=${String(row['host'])}` : '', row['fields']];
      expect(rebuilt.filter((p) => p !== '').join(' ').split(' ').sort()).toEqual(line.split(' ').sort());
    });
  });

  it('runs.parquet: one row per sweep run with its keys and metrics, as in sweep.json', async () => {
    const rows = await read(join(sweep, 'runs.parquet'));
    const result = JSON.parse(readFileSync(join(sweep, 'sweep.json'), 'utf8')) as { results: { hash: string; parameters: Record<string, unknown>; metrics: Record<string, number | null> }[] };
    expect(rows).toHaveLength(6);
    result.results.forEach((r, i) => {
      expect(rows[i]!['hash']).toBe(r.hash);
      for (const [key, value] of Object.entries(r.parameters)) expect(rows[i]![key]).toBe(value);
      for (const [metric, value] of Object.entries(r.metrics)) expect(rows[i]![metric]).toBe(value);
    });
  });
});
