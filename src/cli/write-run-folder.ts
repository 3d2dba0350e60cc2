import { join } from 'node:path';
import { writeFileAtomic } from '../common/atomic-write.js';
import { resultAsWritten } from '../metrics/result-as-written.js';
import { RUN_FILES } from '../metrics/run-files.js';
import type { RunResult } from '../metrics/run-result.js';
import { writeRunFiles } from '../metrics/write-run-files.js';
import { renderRunReport } from '../report/run-report.js';

/**
 * Writes a run's files and its report.html into `out`; returns the report's path. The page is
 * rendered in memory from the result rounded as the files record it, so it is the page that
 * `rackplan report <out>` renders from those files, byte for byte, without reading them back.
 */
export function writeRunFolder(result: RunResult, out: string): string {
  writeRunFiles(result, out);
  const path = join(out, RUN_FILES.report);
  writeFileAtomic(path, renderRunReport(resultAsWritten(result)));
  return path;
}
