import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { asyncBufferFromFile, parquetMetadataAsync, parquetReadObjects } from 'hyparquet';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';

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
  it('hosts.parquet: one row per host and bucket, utilization as in host-utilization.csv', async () => {
    const rows = await read(join(run, 'hosts.parquet'));
    const [header, ...table] = csv(join(run, 'host-utilization.csv'));
    expect(rows).toHaveLength(table.length * (header!.length - 1));
    let i = 0;
    for (const line of table) {
      for (let b = 1; b < header!.length; b++, i++) {
        const row = rows[i]!;
        expect(row['host']).toBe(line[0]);
        expect(row['interval_start_s']).toBe(Number(header![b]));
        if (line[b] === '') {
          expect(row['state']).toBe('off');
          expect(row['cpu_utilization']).toBeNull();
        } else {
          expect(row['state']).toBe('on');
          expect(Math.abs((row['cpu_utilization'] as number) - Number(line[b]))).toBeLessThan(5e-5);
          expect(row['cpu_served_mhz']).toBeCloseTo((row['cpu_utilization'] as number) * (row['cpu_capacity_mhz'] as number), 6);
        }
      }
    }
    const schema = (await parquetMetadataAsync(await asyncBufferFromFile(join(run, 'hosts.parquet')))).schema.map((s) => [s.name, s.type]);
    expect(schema).toContainEqual(['cpu_capacity_mhz', 'DOUBLE']);
    expect(schema).toContainEqual(['host', 'BYTE_ARRAY']);
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
