import { join } from 'node:path';
import { writeFileAtomic } from '../common/atomic-write.js';
import { checkOutputFolder, replaceFolder } from '../common/whole-folder.js';
import { readRunFiles } from '../metrics/read-run-files.js';
import { RUN_FILES } from '../metrics/run-files.js';
import type { RunResult } from '../metrics/run-result.js';
import { writeRunFiles } from '../metrics/write-run-files.js';
import { renderRunReport } from '../report/run-report.js';

/** A run's files and report.html, swapped in as one folder: after a kill, all old or all new. */
export async function writeRunFolder(result: RunResult, out: string): Promise<void> {
  await replaceFolder(out, Object.values(RUN_FILES), (dir) => {
    writeRunFiles(result, dir);
    writeFileAtomic(join(dir, RUN_FILES.report), renderRunReport(readRunFiles(dir)));
  }, process.cwd());
}

/** Fails at once (exit 2) when --out may not be replaced by a run folder. */
export function checkRunFolder(out: string): void {
  checkOutputFolder(out, Object.values(RUN_FILES), process.cwd());
}
