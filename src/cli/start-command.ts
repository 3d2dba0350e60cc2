import { join } from 'node:path';
import { Command } from 'commander';
import { loadComparePlan } from '../compare/compare-plan.js';
import { BUILTIN_MODELS_DIR, loadCatalog } from '../model/catalog.js';
import { RUN_FILES } from '../metrics/run-files.js';
import { loadScenario } from '../scenario/load-scenario.js';
import { runScenario } from '../scenario/run-scenario.js';
import { cacheDirOption } from './cache-dir.js';
import { COMPARE_FILES, compareLines, compareToFolder, scalingLines } from './compare-command.js';
import { writeRunFolder } from './run-folder.js';
import { verdictLines } from './print-verdict.js';
import { runVerdict } from '../report/run-verdict.js';
import { compareVerdict } from '../report/compare-verdict.js';

export const DEFAULT_SCENARIO = join(BUILTIN_MODELS_DIR, 'scenarios', 'default.json');
export const DEFAULT_COMPARE = join(BUILTIN_MODELS_DIR, 'scenarios', 'compare-default.json');
export const DEFAULT_SERVICES_COMPARE = join(BUILTIN_MODELS_DIR, 'scenarios', 'compare-services.json');

export function registerStartCommand(program: Command): void {
  program
    .command('start')
    .description(
      'The tour (what `npm start` runs): replay the built-in default scenario into reports/default/, compare its consolidation scenarios into reports/compare/ and its services under each scaling rule into reports/services/',
    )
    .option('--out <dir>', 'reports folder', 'reports')
    .action(async (flags: { out: string }) => {
      const scenario = loadScenario(DEFAULT_SCENARIO);
      const result = await runScenario(scenario, { cacheDir: cacheDirOption(undefined) });
      const out = join(flags.out, 'default');
      await writeRunFolder(result, out);
      const s = result.summary;
      const compareOut = join(flags.out, 'compare');
      const compare = await compareToFolder(loadComparePlan(DEFAULT_COMPARE, {}, loadCatalog()), compareOut, cacheDirOption(undefined));
      const servicesOut = join(flags.out, 'services');
      const services = await compareToFolder(loadComparePlan(DEFAULT_SERVICES_COMPARE, {}, loadCatalog()), servicesOut, cacheDirOption(undefined));
      // The same verdict blocks as replay and compare print, with the figures behind them.
      process.stdout.write(
        [
          ...verdictLines(`replay ${scenario.spec.name}`, runVerdict(s), [
            `  replayed ${s.vms.placed} of ${s.vms.total} VMs on ${s.hosts.total} hosts for ${(s.simulatedSeconds / 86400).toFixed(1)} days; mean CPU utilization ${(s.cpu.utilizationMean * 100).toFixed(1)}%`,
          ]),
          `  report: ${join(out, RUN_FILES.report)}`,
          ...verdictLines(`compare ${compare.scenarios.length} ways to host the same workload`, compareVerdict(compare), compareLines(compare)),
          `  report: ${join(compareOut, COMPARE_FILES.report)}`,
          ...verdictLines(`compare the same workload as ${services.scenarios.find((s) => s.scaling)?.scaling?.services ?? 0} services under ${services.scenarios.filter((s) => s.scaling).length} scaling rules (fixed VMs, scale out, scale up)`, compareVerdict(services), [...compareLines(services), ...scalingLines(services)]),
          `  report: ${join(servicesOut, COMPARE_FILES.report)}`,
          '',
        ].join('\n'),
      );
    });
}
