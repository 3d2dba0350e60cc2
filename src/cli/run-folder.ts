import { join } from 'node:path';
import { writeFileAtomic } from '../common/atomic-write.js';
import type { StreamedFile } from '../common/streamed-file.js';
import { replaceFolder } from '../common/whole-folder.js';
import { resultAsWritten } from '../metrics/result-as-written.js';
import { RUN_FILES } from '../metrics/run-files.js';
import type { RunResult } from '../metrics/run-result.js';
import { writeRunFiles } from '../metrics/write-run-files.js';
import { EVENTS_FILE, RUN_FOLDER_FILES } from './run-folder-files.js';

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
