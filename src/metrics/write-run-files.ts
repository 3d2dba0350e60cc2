import { join } from 'node:path';
import { writeFileAtomic } from '../common/atomic-write.js';
import { stableStringify } from '../common/stable-json.js';
import {
  BACKLOG_COLUMNS,
  csvField,
  formatNumber,
  HOST_COLUMNS,
  OUTAGE_COLUMNS,
  RUN_FILES,
  TIMESERIES_COLUMNS,
  VM_COLUMNS,
  type Column,
} from './run-files.js';
import { heatmapCellTexts } from './heatmap-text.js';
import type { IoResult } from './io-result.js';
import { IO_HOST_COLUMNS, IO_TIMESERIES_COLUMNS, IO_VM_COLUMNS } from './io-run-files.js';
import type { BacklogSeries, HostHeatmap, RunResult, TimeSeries } from './run-result.js';
import type { CarbonSeries } from './carbon.js';
import { CARBON_COLUMNS, CARBON_FILE } from './carbon-run-files.js';

/** Writes summary.json, run.json and the CSVs of a run, each atomically. */
export function writeRunFiles(result: RunResult, outDir: string): void {
  writeFileAtomic(join(outDir, RUN_FILES.summary), stableStringify(result.summary));
  writeFileAtomic(join(outDir, RUN_FILES.inputs), stableStringify(result.inputs));
  writeFileAtomic(join(outDir, RUN_FILES.hosts), rowsCsv(HOST_COLUMNS, result.hosts));
  writeFileAtomic(join(outDir, RUN_FILES.vms), rowsCsv(VM_COLUMNS, result.vms));
  writeFileAtomic(join(outDir, RUN_FILES.timeseries), timeseriesCsv(result.timeseries));
  writeFileAtomic(join(outDir, RUN_FILES.heatmap), heatmapCsv(result.heatmap));
  writeFileAtomic(join(outDir, RUN_FILES.outages), rowsCsv(OUTAGE_COLUMNS, result.outages));
  if (result.io) writeIoFiles(result.io, outDir);
  if (result.carbon) writeFileAtomic(join(outDir, CARBON_FILE), carbonCsv(result.carbon));
  if (result.backlog) writeFileAtomic(join(outDir, RUN_FILES.backlog), backlogCsv(result.backlog));
}

function carbonCsv(series: CarbonSeries): string {
  const lines = [CARBON_COLUMNS.map((c) => c.header).join(',')];
  for (let t = 0; t < series.startSeconds.length; t++) lines.push(CARBON_COLUMNS.map((c) => formatNumber(series[c.field][t]!, c.decimals)).join(','));
  return lines.join('\n') + '\n';
}

export function backlogCsv(series: BacklogSeries): string {
  const lines = [BACKLOG_COLUMNS.map((c) => c.header).join(',')];
  for (let t = 0; t < series.startSeconds.length; t++) lines.push(BACKLOG_COLUMNS.map((c) => formatNumber(series[c.field][t]!, c.decimals)).join(','));
  return lines.join('\n') + '\n';
}

/** io-hosts.csv, io-vms.csv and io-timeseries.csv. */
function writeIoFiles(io: IoResult, outDir: string): void {
  writeFileAtomic(join(outDir, RUN_FILES.ioHosts), rowsCsv(IO_HOST_COLUMNS, io.hosts));
  writeFileAtomic(join(outDir, RUN_FILES.ioVms), rowsCsv(IO_VM_COLUMNS, io.vms));
  const lines = [IO_TIMESERIES_COLUMNS.map((c) => c.header).join(',')];
  for (let t = 0; t < io.timeseries.startSeconds.length; t++) {
    lines.push(IO_TIMESERIES_COLUMNS.map((c) => formatNumber(io.timeseries[c.field][t]!, c.decimals)).join(','));
  }
  writeFileAtomic(join(outDir, RUN_FILES.ioTimeseries), lines.join('\n') + '\n');
}

export function rowsCsv<Row>(columns: Column<Row>[], rows: readonly Row[]): string {
  const lines = [columns.map((c) => c.header).join(',')];
  for (const row of rows) {
    lines.push(
      columns
        .map((c) => {
          const value = row[c.field];
          return c.decimals === null ? csvField(String(value)) : formatNumber(value as number, c.decimals);
        })
        .join(','),
    );
  }
  return lines.join('\n') + '\n';
}

export function timeseriesCsv(series: TimeSeries): string {
  const lines = [TIMESERIES_COLUMNS.map((c) => c.header).join(',')];
  const n = series.startSeconds.length;
  for (let t = 0; t < n; t++) {
    lines.push(TIMESERIES_COLUMNS.map((c) => formatNumber(series[c.field][t]!, c.decimals)).join(','));
  }
  return lines.join('\n') + '\n';
}

/** host_id, then one column per bucket named by its start in seconds; empty cells = host off. */
export function heatmapCsv(heatmap: HostHeatmap): string {
  const header = ['host_id'];
  for (let b = 0; b < heatmap.buckets; b++) header.push(formatNumber(b * heatmap.bucketSeconds, 0));
  const lines = [header.join(',')];
  const texts = heatmapCellTexts(heatmap.utilization);
  heatmap.hostIds.forEach((hostId, h) => {
    const cells = [csvField(hostId)];
    for (let b = 0; b < heatmap.buckets; b++) cells.push(texts[h * heatmap.buckets + b]!);
    lines.push(cells.join(','));
  });
  return lines.join('\n') + '\n';
}
