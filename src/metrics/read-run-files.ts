import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { InputError } from '../common/input-error.js';
import { BACKLOG_COLUMNS, HOST_COLUMNS, OUTAGE_COLUMNS, RUN_FILES, TIMESERIES_COLUMNS, VM_COLUMNS, type Column } from './run-files.js';
import type { IoHostRow, IoResult, IoTimeSeries, IoVmRow } from './io-result.js';
import { IO_HOST_COLUMNS, IO_TIMESERIES_COLUMNS, IO_VM_COLUMNS } from './io-run-files.js';
import type { CarbonSeries } from './carbon.js';
import { CARBON_COLUMNS, CARBON_FILE } from './carbon-run-files.js';
import type { BacklogSeries, HostHeatmap, HostRow, OutageRow, RunInputs, RunResult, RunSummary, TimeSeries, VmRow } from './run-result.js';

/**
 * Reads a run's output folder back into a RunResult (for `rackplan report <out>`). A missing or
 * corrupt file is an InputError naming the file, line and column.
 */
export function readRunFiles(dir: string): RunResult {
  const summary = readJson(join(dir, RUN_FILES.summary)) as RunSummary;
  if (typeof summary.cpu?.demandMHzHours !== 'number') {
    throw new InputError('not a rackplan summary (no cpu.demandMHzHours)', { file: join(dir, RUN_FILES.summary) });
  }
  const inputs = readJson(join(dir, RUN_FILES.inputs)) as RunInputs;
  // Runs written before the compatibility mode existed were all rackplan's own model.
  inputs.model ??= 'rackplan model';
  return {
    summary,
    inputs,
    hosts: readRows<HostRow>(join(dir, RUN_FILES.hosts), HOST_COLUMNS),
    vms: readRows<VmRow>(join(dir, RUN_FILES.vms), VM_COLUMNS),
    timeseries: readTimeseries(join(dir, RUN_FILES.timeseries)),
    heatmap: readHeatmap(join(dir, RUN_FILES.heatmap)),
    outages: readRows<OutageRow>(join(dir, RUN_FILES.outages), OUTAGE_COLUMNS),
    ...readIoFiles(dir),
    ...readCarbonFile(dir),
    ...readBacklog(dir),
  };
}

/** carbon.csv when the run had a carbon intensity. */
function readCarbonFile(dir: string): { carbon?: CarbonSeries } {
  const path = join(dir, CARBON_FILE);
  if (!existsSync(path)) return {};
  const [header, ...rows] = readTable(path);
  expectHeader(path, header, CARBON_COLUMNS.map((c) => c.header));
  const carbon = {} as CarbonSeries;
  CARBON_COLUMNS.forEach((c, i) => {
    carbon[c.field] = Float64Array.from(rows, (cells, r) => numberAt(path, r + 2, c.header, cells[i] ?? ''));
  });
  return { carbon };
}

/** backlog.csv when the run had deferrable VMs. */
function readBacklog(dir: string): { backlog?: BacklogSeries } {
  const path = join(dir, RUN_FILES.backlog);
  if (!existsSync(path)) return {};
  const [header, ...rows] = readTable(path);
  expectHeader(path, header, BACKLOG_COLUMNS.map((c) => c.header));
  const backlog = {} as BacklogSeries;
  BACKLOG_COLUMNS.forEach((c, i) => {
    backlog[c.field] = Float64Array.from(rows, (cells, r) => numberAt(path, r + 2, c.header, cells[i] ?? ''));
  });
  return { backlog };
}

/** The I/O files when the run has them (runs made before I/O accounting do not). */
function readIoFiles(dir: string): { io?: IoResult } {
  if (!existsSync(join(dir, RUN_FILES.ioHosts))) return {};
  const path = join(dir, RUN_FILES.ioTimeseries);
  const [header, ...rows] = readTable(path);
  expectHeader(path, header, IO_TIMESERIES_COLUMNS.map((c) => c.header));
  const timeseries = {} as IoTimeSeries;
  IO_TIMESERIES_COLUMNS.forEach((c, i) => {
    timeseries[c.field] = Float64Array.from(rows, (cells, r) => numberAt(path, r + 2, c.header, cells[i] ?? ''));
  });
  return {
    io: {
      hosts: readRows<IoHostRow>(join(dir, RUN_FILES.ioHosts), IO_HOST_COLUMNS, true),
      vms: readRows<IoVmRow>(join(dir, RUN_FILES.ioVms), IO_VM_COLUMNS),
      timeseries,
    },
  };
}

function readJson(path: string): unknown {
  if (!existsSync(path)) throw new InputError('missing file', { file: path });
  try {
    return JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new InputError(`invalid JSON (${(error as Error).message})`, { file: path });
  }
}

function readTable(path: string): string[][] {
  if (!existsSync(path)) throw new InputError('missing file', { file: path });
  try {
    return parse(readFileSync(path, 'utf8'), { relax_column_count: false }) as string[][];
  } catch (error) {
    const line = (error as { lines?: number }).lines;
    throw new InputError(`malformed CSV (${(error as Error).message.split('\n')[0]})`, { file: path, line });
  }
}

function expectHeader(path: string, actual: string[] | undefined, expected: string[]): void {
  for (let i = 0; i < expected.length; i++) {
    if (actual?.[i] !== expected[i]) {
      throw new InputError(`expected column "${expected[i]}", found "${actual?.[i] ?? ''}"`, { file: path, line: 1, field: `column ${i + 1}` });
    }
  }
}

function numberAt(path: string, line: number, field: string, text: string, allowEmpty = false): number {
  if (text === '' && allowEmpty) return Number.NaN;
  const value = Number(text);
  if (text === '' || !Number.isFinite(value)) throw new InputError(`not a number: "${text}"`, { file: path, line, field });
  return value;
}

/** `allowEmpty`: empty number cells read as NaN (unrated I/O capacity). */
function readRows<Row>(path: string, columns: Column<Row>[], allowEmpty = false): Row[] {
  const [header, ...rows] = readTable(path);
  expectHeader(path, header, columns.map((c) => c.header));
  return rows.map((cells, r) => {
    const row: Record<string, unknown> = {};
    columns.forEach((c, i) => {
      const text = cells[i] ?? '';
      row[c.field as string] = c.decimals === null ? text : numberAt(path, r + 2, c.header, text, allowEmpty);
    });
    return row as Row;
  });
}

function readTimeseries(path: string): TimeSeries {
  const [header, ...rows] = readTable(path);
  expectHeader(path, header, TIMESERIES_COLUMNS.map((c) => c.header));
  const series = { intervalSeconds: 0 } as TimeSeries;
  TIMESERIES_COLUMNS.forEach((c, i) => {
    series[c.field] = Float64Array.from(rows, (cells, r) => numberAt(path, r + 2, c.header, cells[i] ?? ''));
  });
  series.intervalSeconds = rows.length > 1 ? series.startSeconds[1]! - series.startSeconds[0]! : 0;
  return series;
}

function readHeatmap(path: string): HostHeatmap {
  const [header, ...rows] = readTable(path);
  if (header?.[0] !== 'host_id') throw new InputError('expected column "host_id"', { file: path, line: 1, field: 'column 1' });
  const buckets = header.length - 1;
  const starts = header.slice(1).map((text, i) => numberAt(path, 1, `column ${i + 2}`, text));
  const utilization = new Float64Array(rows.length * buckets);
  rows.forEach((cells, h) => {
    for (let b = 0; b < buckets; b++) utilization[h * buckets + b] = numberAt(path, h + 2, header[b + 1]!, cells[b + 1] ?? '', true);
  });
  return {
    bucketSeconds: buckets > 1 ? starts[1]! - starts[0]! : 0,
    hostIds: rows.map((cells) => cells[0] ?? ''),
    utilization,
    buckets,
  };
}
