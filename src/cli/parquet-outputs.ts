import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadParquetWriter } from '../common/parquet-file.js';
import { clusterTable, eventsTable, hostsTable, vmsTable } from '../metrics/columnar-tables.js';
import type { RunResult } from '../metrics/run-result.js';
import { runsTable } from '../sweep/runs-table.js';
import type { SweepResult } from '../sweep/sweep-result.js';
import { RUN_PARQUET_FILES, RUNS_PARQUET } from './run-folder-files.js';


/** A writer for a run folder's Parquet files, called inside the folder swap (after events.log is in). */
export async function runParquetWriter(result: RunResult): Promise<(dir: string) => void> {
  const write = await loadParquetWriter();
  return (dir) => {
    write(join(dir, RUN_PARQUET_FILES.hosts), hostsTable(result));
    write(join(dir, RUN_PARQUET_FILES.vms), vmsTable(result));
    write(join(dir, RUN_PARQUET_FILES.timeseries), clusterTable(result));
    const log = join(dir, 'events.log');
    if (existsSync(log)) write(join(dir, RUN_PARQUET_FILES.events), eventsTable(readFileSync(log, 'utf8')));
  };
}

/** runs.parquet beside a sweep's sweep.json, from it. */
export async function writeSweepParquet(outDir: string): Promise<void> {
  const result = JSON.parse(readFileSync(join(outDir, 'sweep.json'), 'utf8')) as SweepResult;
  (await loadParquetWriter())(join(outDir, RUNS_PARQUET), runsTable(result));
}
