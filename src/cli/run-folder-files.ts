import { checkOutputFolder } from '../common/whole-folder.js';
import { RUN_FILES } from '../metrics/run-files.js';

/**
 * The names a run folder may hold, apart from the code that writes them: a replay checks its
 * --out before simulating, and the writers (metrics, report, Parquet) load only after.
 */

/** The event log's name in a run folder (replay --events). */
export const EVENTS_FILE = 'events.log';

/** Long-format Parquet files of a run folder (replay --parquet); README lists their columns. */
export const RUN_PARQUET_FILES = { hosts: 'hosts.parquet', vms: 'vms.parquet', timeseries: 'timeseries.parquet', events: 'events.parquet' } as const;
export const RUNS_PARQUET = 'runs.parquet';

/** Every file a run folder may hold: replacing a folder of only these is safe. */
export const RUN_FOLDER_FILES = [...Object.values(RUN_FILES), EVENTS_FILE, ...Object.values(RUN_PARQUET_FILES)];

/** Fails at once (exit 2) when --out may not be replaced by a run folder. */
export function checkRunFolder(out: string): void {
  checkOutputFolder(out, RUN_FOLDER_FILES, process.cwd());
}
