import { join } from 'node:path';
import { Command } from 'commander';
import { writeFileAtomic } from '../common/atomic-write.js';
import { readRunFiles } from '../metrics/read-run-files.js';
import { RUN_FILES } from '../metrics/run-files.js';
import { renderRunReport } from '../report/run-report.js';
import { runVerdict } from '../report/run-verdict.js';
import { printVerdict } from './print-verdict.js';

export function registerReportCommand(program: Command): void {
  program
    .command('report <out>')
    .description("Re-render <out>/report.html from a run's recorded files; prints the run's verdict")
    .option('--strict', 'exit with code 3 when the verdict has warnings (unplaced VMs, unmet demand, ...)')
    .action((out: string, flags: { strict?: boolean }) => {
      const result = readRunFiles(out);
      const path = join(out, RUN_FILES.report);
      writeFileAtomic(path, renderRunReport(result));
      printVerdict(`report ${result.inputs.scenarioName}`, runVerdict(result.summary, result.inputs), path, flags.strict === true);
    });
}
