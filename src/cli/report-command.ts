import { join } from 'node:path';
import { Command } from 'commander';
import { writeFileAtomic } from '../common/atomic-write.js';
import { readRunFiles } from '../metrics/read-run-files.js';
import { RUN_FILES } from '../metrics/run-files.js';
import { renderRunReport } from '../report/run-report.js';

export function registerReportCommand(program: Command): void {
  program
    .command('report <out>')
    .description("Re-render <out>/report.html from a run's recorded files")
    .action((out: string) => {
      const result = readRunFiles(out);
      const path = join(out, RUN_FILES.report);
      writeFileAtomic(path, renderRunReport(result));
      process.stderr.write(`report: ${path}\n`);
    });
}
