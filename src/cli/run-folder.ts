import { join } from 'node:path';
import { writeFileAtomic } from '../common/atomic-write.js';
import type { StreamedFile } from '../common/streamed-file.js';
import { checkOutputFolder, replaceFolder } from '../common/whole-folder.js';
import { resultAsWritten } from '../metrics/result-as-written.js';
import { RUN_FILES } from '../metrics/run-files.js';
import type { RunResult } from '../metrics/run-result.js';
import { writeRunFiles } from '../metrics/write-run-files.js';
import { RUN_PARQUET_FILES } from './parquet-outputs.js';

/** The event log's name in a run folder (replay --events). */
export const EVENTS_FILE = 'events.log';

/** Every file a run folder may hold: replacing a folder of only these is safe. */
const RUN_FOLDER_FILES = [...Object.values(RUN_FILES), EVENTS_FILE, ...Object.values(RUN_PARQUET_FILES)];

/**
 * A run's files and report.html (and its event log, when one was streamed), swapped in as one
 * folder: after a kill, all old or all new. The page is rendered in memory from the result
 * rounded as the files record it, so it is the page `rackplan report <out>` renders from them.
 */
export async function writeRunFolder(result: RunResult, out: string, events: StreamedFile | null = null, extra?: (dir: string) => void): Promise<void> {
  // The renderer (d3) loads only now, so that a replay starts simulating without it.
  const { renderRunReport } = await import('../report/run-report.js');
  await replaceFolder(
    out,
    RUN_FOLDER_FILES,
    (dir) => {
      writeRunFiles(result, dir);
      writeFileAtomic(join(dir, RUN_FILES.report), renderRunReport(resultAsWritten(result)));
      events?.commitTo(join(dir, EVENTS_FILE));
      extra?.(dir);
    },
    process.cwd(),
  );
}

/** Fails at once (exit 2) when --out may not be replaced by a run folder. */
export function checkRunFolder(out: string): void {
  checkOutputFolder(out, RUN_FOLDER_FILES, process.cwd());
}
