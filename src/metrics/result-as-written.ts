import { stableStringify } from '../common/stable-json.js';
import { heatmapCellTexts } from './heatmap-text.js';
import type { IoResult, IoTimeSeries } from './io-result.js';
import { IO_HOST_COLUMNS, IO_TIMESERIES_COLUMNS, IO_VM_COLUMNS } from './io-run-files.js';
import { BACKLOG_COLUMNS, formatNumber, HOST_COLUMNS, OUTAGE_COLUMNS, RUN_FILES, TIMESERIES_COLUMNS, VM_COLUMNS, type Column } from './run-files.js';
import type { BacklogSeries, HostHeatmap, RunResult, TimeSeries } from './run-result.js';
import type { CarbonSeries } from './carbon.js';
import { CARBON_COLUMNS, CARBON_FILE } from './carbon-run-files.js';

/**
 * The RunResult that readRunFiles gives back for the files writeRunFiles writes, made in memory:
 * every CSV number rounded to the decimals of its column (the same column tables), the JSON
 * parts as JSON carries them, and the interval and bucket lengths taken from the rounded
 * times as the reader takes them. The replay command renders report.html from this, so its
 * page is byte for byte the one `rackplan report <out>` renders from the files
 * (test/metrics/result-as-written.test.ts holds the two paths to that).
 *
 * A number the writer would leave as an empty cell where the reader wants a number is an
 * error here, as it is when the files are read: such a run's files could not be re-rendered.
 */
export function resultAsWritten(result: RunResult): RunResult {
  return {
    summary: viaJson(result.summary),
    inputs: viaJson(result.inputs),
    hosts: rowsAsWritten(RUN_FILES.hosts, HOST_COLUMNS, result.hosts),
    vms: rowsAsWritten(RUN_FILES.vms, VM_COLUMNS, result.vms),
    timeseries: timeseriesAsWritten(result.timeseries),
    heatmap: heatmapAsWritten(result.heatmap),
    outages: rowsAsWritten(RUN_FILES.outages, OUTAGE_COLUMNS, result.outages),
    ...(result.io ? { io: ioAsWritten(result.io) } : {}),
    ...(result.carbon ? { carbon: carbonAsWritten(result.carbon) } : {}),
    ...(result.backlog ? { backlog: backlogAsWritten(result.backlog) } : {}),
  };
}

function carbonAsWritten(series: CarbonSeries): CarbonSeries {
  const out = {} as CarbonSeries;
  for (const c of CARBON_COLUMNS) out[c.field] = Float64Array.from(series[c.field], (v) => cellAsWritten(CARBON_FILE, c.header, v, c.decimals));
  return out;
}

function backlogAsWritten(source: BacklogSeries): BacklogSeries {
  const series = {} as BacklogSeries;
  for (const c of BACKLOG_COLUMNS) series[c.field] = Float64Array.from(source[c.field], (v) => cellAsWritten(RUN_FILES.backlog, c.header, v, c.decimals));
  return series;
}

function viaJson<T>(value: T): T {
  return JSON.parse(stableStringify(value)) as T;
}

/** A number as its CSV cell reads back: empty cells (non-finite values) as NaN where allowed. */
function cellAsWritten(file: string, header: string, value: number, decimals: number, allowEmpty = false): number {
  const text = formatNumber(value, decimals);
  if (text !== '') return Number(text);
  if (allowEmpty) return Number.NaN;
  throw new Error(`${file}: column ${header} would get an empty cell for ${value}, which the reader refuses`);
}

function rowsAsWritten<Row>(file: string, columns: Column<Row>[], rows: readonly Row[], allowEmpty = false): Row[] {
  return rows.map((source) => {
    const row: Record<string, unknown> = {};
    for (const c of columns) {
      const value = source[c.field];
      row[c.field as string] = c.decimals === null ? String(value) : cellAsWritten(file, c.header, value as number, c.decimals, allowEmpty);
    }
    return row as Row;
  });
}

function timeseriesAsWritten(source: TimeSeries): TimeSeries {
  const series = { intervalSeconds: 0 } as TimeSeries;
  for (const c of TIMESERIES_COLUMNS) {
    series[c.field] = Float64Array.from(source[c.field], (v) => cellAsWritten(RUN_FILES.timeseries, c.header, v, c.decimals));
  }
  series.intervalSeconds = series.startSeconds.length > 1 ? series.startSeconds[1]! - series.startSeconds[0]! : 0;
  return series;
}

function heatmapAsWritten(source: HostHeatmap): HostHeatmap {
  const { buckets } = source;
  const starts = Array.from({ length: Math.min(buckets, 2) }, (_, b) => Number(formatNumber(b * source.bucketSeconds, 0)));
  return {
    bucketSeconds: buckets > 1 ? starts[1]! - starts[0]! : 0,
    hostIds: source.hostIds.map(String),
    utilization: Float64Array.from(heatmapCellTexts(source.utilization), (text) => (text === '' ? Number.NaN : Number(text))),
    buckets,
  };
}

function ioAsWritten(io: IoResult): IoResult {
  const timeseries = {} as IoTimeSeries;
  for (const c of IO_TIMESERIES_COLUMNS) {
    timeseries[c.field] = Float64Array.from(io.timeseries[c.field], (v) => cellAsWritten(RUN_FILES.ioTimeseries, c.header, v, c.decimals));
  }
  return {
    hosts: rowsAsWritten(RUN_FILES.ioHosts, IO_HOST_COLUMNS, io.hosts, true),
    vms: rowsAsWritten(RUN_FILES.ioVms, IO_VM_COLUMNS, io.vms),
    timeseries,
  };
}
