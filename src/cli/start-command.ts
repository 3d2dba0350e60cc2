import { join } from 'node:path';
import { Command } from 'commander';
import { writeFileAtomic } from '../common/atomic-write.js';
import { BUILTIN_MODELS_DIR } from '../model/catalog.js';
import { readRunFiles } from '../metrics/read-run-files.js';
import { RUN_FILES } from '../metrics/run-files.js';
import { writeRunFiles } from '../metrics/write-run-files.js';
import { renderRunReport } from '../report/run-report.js';
import { loadScenario } from '../scenario/load-scenario.js';
import { runScenario } from '../scenario/run-scenario.js';
import { cacheDirOption } from './cache-dir.js';

export const DEFAULT_SCENARIO = join(BUILTIN_MODELS_DIR, 'scenarios', 'default.json');

export function registerStartCommand(program: Command): void {
  program
    .command('start')
    .description('The tour (what `npm start` runs): replay the built-in default scenario into reports/default/')
    .option('--out <dir>', 'reports folder', 'reports')
    .action(async (flags: { out: string }) => {
      const scenario = loadScenario(DEFAULT_SCENARIO);
      const result = await runScenario(scenario, { cacheDir: cacheDirOption(undefined) });
      const out = join(flags.out, 'default');
      writeRunFiles(result, out);
      writeFileAtomic(join(out, RUN_FILES.report), renderRunReport(readRunFiles(out)));
      const s = result.summary;
      process.stdout.write(
        [
          `Replayed ${s.vms.placed} of ${s.vms.total} VMs on ${s.hosts.total} hosts for ${(s.simulatedSeconds / 86400).toFixed(1)} days.`,
          `  mean CPU utilization ${(s.cpu.utilizationMean * 100).toFixed(1)}%, energy ${s.energyKWh.toFixed(1)} kWh, unmet demand ${(s.cpu.unmetFraction * 100).toFixed(3)}%`,
          `  report: ${join(out, RUN_FILES.report)}`,
          '',
        ].join('\n'),
      );
    });
}
