import { availableParallelism } from 'node:os';
import { extname, join, resolve } from 'node:path';
import { Command, InvalidArgumentError, Option } from 'commander';
import { writeFileAtomic } from '../common/atomic-write.js';
import { InputError } from '../common/input-error.js';
import { checkOutputFolder, replaceFolder } from '../common/whole-folder.js';
import { stableStringify } from '../common/stable-json.js';
import { BUILTIN_MODELS_DIR, loadCatalog } from '../model/catalog.js';
import { planCapacity } from '../planner/capacity-plan.js';
import type { PlanResult } from '../planner/plan-result.js';
import { planLines } from '../planner/plan-lines.js';
import { createPlanRunner } from '../planner/plan-runner.js';
import { loadSharedWorkloads } from '../scenario/shared-workloads.js';
import { runPortfolio } from '../planner/portfolio.js';
import { renderPlanReport } from '../report/plan-report.js';
import { loadScenario } from '../scenario/load-scenario.js';
import type { GrowthMode } from '../traces/workload-growth.js';
import { cacheDirOption } from './cache-dir.js';
import { parseNonNegativeInt, parsePositiveInt, parsePositiveNumber } from './parse-flags.js';
import type { PlanRankBy } from '../planner/plan-result.js';
import type { PlanRackLimits } from '../planner/rack-limits.js';
import { planVerdict } from '../report/plan-verdict.js';
import { printVerdict } from './print-verdict.js';
import { topologyNotesText } from './topology-notes-text.js';

const PLAN_FILES = ['plan.json', 'plan.html'];

export function registerPlanCommand(program: Command): void {
  program
    .command('plan')
    .description('Find the smallest host count per host model that meets an SLO across seeds, or rank a capacity portfolio; writes plan.json and plan.html')
    .option('--scenario <file>', 'scenario JSON whose trace and settings every run uses')
    .option('--trace <path>', 'trace file or folder (without --scenario: the default topology and settings)')
    .option('--format <id>', 'trace format (detected when absent)')
    .option('--topology <file>', 'topology JSON, rackplan\'s or OpenDC\'s (default: the scenario\'s); its host models are the default --host-models')
    .option('--json', 'print plan.json to stdout')
    .option('--slo <expr>', 'service-level objective, e.g. "unmetFraction<=0.001 and cpu.utilizationPeak<0.95"')
    .option('--host-models <ids>', 'host model ids, comma-separated (default: those of the scenario topology)', commaList)
    .option('--growth <factors>', 'workload growth factors, comma-separated', commaNumbers, [1])
    .addOption(new Option('--growth-mode <mode>', 'grow by scaling demand or replicating VMs').choices(['scale', 'replicate']).default('scale'))
    .option('--failures <file>', 'failure model JSON (models/failures) or failure trace CSV')
    .option('--seeds <n>', 'seeded runs per host count', parsePositiveInt, 10)
    .option('--confidence <fraction>', 'share of seeded runs that must meet the SLO', parseFraction, 0.95)
    .option('--n-plus <k>', 'the SLO must also hold with k hosts down for the whole run', parseNonNegativeInt, 0)
    .option('--max-hosts <n>', 'give up above this many hosts', parsePositiveInt, 1024)
    .option('--rack-power <watts>', 'per-rack power budget: hosts go into racks of as many as the budget holds at peak power', parsePositiveNumber)
    .option('--rack-slots <n>', 'host slots per rack', parsePositiveInt)
    .option('--racks <n>', 'racks available (default: as many as the hosts need)', parsePositiveInt)
    .addOption(new Option('--rank-by <what>', 'what the recommendation minimizes first (carbon needs the scenario\'s carbon field)').choices(['cost', 'carbon']))
    .option('--portfolio <file>', 'portfolio JSON (models/portfolios): rank candidates by cost, energy and risk')
    .option('--workers <n>', 'worker threads (default: the number of cores)', parsePositiveInt)
    .option('--cache-dir <dir>', 'parsed-trace cache ("none" to disable)')
    .option('--strict', 'exit with code 3 when the verdict has warnings (SLO not met, unplaced VMs, unmet demand, ...)')
    .requiredOption('--out <dir>', 'output folder')
    .action(async (flags: PlanFlags) => {
      const scenarioGiven = Boolean(flags.scenario || flags.trace);
      if (Boolean(flags.portfolio) === scenarioGiven) throw new InputError('plan needs either --scenario <file> or --trace <path> with --slo <expr>, or --portfolio <file>');
      if (flags.topology && !scenarioGiven) throw new InputError('--topology goes with --scenario or --trace (a portfolio names its candidates\' topologies)', { field: '--topology' });
      if (scenarioGiven && !flags.slo) throw new InputError('plan needs --slo <expr>, e.g. --slo "unmetFraction<=0.001"', { field: '--slo' });
      checkOutputFolder(flags.out, PLAN_FILES, process.cwd());
      const cacheDir = cacheDirOption(flags.cacheDir);
      const catalog = loadCatalog();
      const scenario = scenarioGiven
        ? loadScenario(flags.scenario ?? null, { ...(flags.trace ? { trace: flags.trace } : {}), ...(flags.format ? { format: flags.format } : {}), ...(flags.topology ? { topology: flags.topology } : {}) })
        : null;
      // A scenario's workload is loaded once, on shared memory, for every worker thread.
      const workloads = scenario ? await loadSharedWorkloads([scenario], cacheDir) : new Map();
      const runner = createPlanRunner({ workers: flags.workers ?? availableParallelism(), catalogDir: BUILTIN_MODELS_DIR, cacheDir, workloads });
      let plan: PlanResult;
      try {
        plan = flags.portfolio
          ? await runPortfolio({ file: flags.portfolio, catalog, runner, cacheDir })
          : await planCapacity({
              scenario: scenario!,
              catalog,
              runner,
              cacheDir,
              slo: flags.slo!,
              ...(flags.hostModels ? { hostModels: flags.hostModels } : {}),
              growth: flags.growth,
              growthMode: flags.growthMode,
              failures: failureFiles(flags.failures),
              seeds: flags.seeds,
              confidence: flags.confidence,
              nPlus: flags.nPlus,
              maxHosts: flags.maxHosts,
              ...rackFlags(flags),
              ...(flags.rankBy ? { rankBy: flags.rankBy } : {}),
            });
      } finally {
        await runner.close();
      }
      const json = stableStringify(plan);
      const html = renderPlanReport(plan);
      await replaceFolder(flags.out, PLAN_FILES, (dir) => {
        writeFileAtomic(join(dir, 'plan.json'), json);
        writeFileAtomic(join(dir, 'plan.html'), html);
      }, process.cwd());
      if (flags.json) process.stdout.write(json);
      const found = plan.kind === 'capacity-plan' ? planLines(plan) : [];
      process.stderr.write(topologyNotesText(plan.inputs.topologyNotes ?? []));
      printVerdict('plan', planVerdict(plan), join(flags.out, 'plan.html'), flags.strict === true, found);
    });
}

interface PlanFlags {
  scenario?: string;
  trace?: string;
  format?: string;
  topology?: string;
  json?: boolean;
  slo?: string;
  hostModels?: string[];
  growth: number[];
  growthMode: GrowthMode;
  failures?: string;
  seeds: number;
  confidence: number;
  nPlus: number;
  maxHosts: number;
  portfolio?: string;
  rackPower?: number;
  rackSlots?: number;
  racks?: number;
  rankBy?: PlanRankBy;
  workers?: number;
  cacheDir?: string;
  strict?: boolean;
  out: string;
}

/** --rack-power, --rack-slots and --racks as the planner's rack limits (none when no flag is given). */
function rackFlags(flags: PlanFlags): { racks?: PlanRackLimits } {
  if (flags.rackPower === undefined && flags.rackSlots === undefined && flags.racks === undefined) return {};
  return { racks: { powerBudgetW: flags.rackPower ?? null, slots: flags.rackSlots ?? null, racks: flags.racks ?? null } };
}

/** A .csv file is a failure trace; anything else a failure model. */
function failureFiles(file: string | undefined): { model?: string; trace?: string } | null {
  if (!file) return null;
  const path = resolve(file);
  return extname(path).toLowerCase() === '.csv' ? { trace: path } : { model: path };
}

function commaList(value: string): string[] {
  const items = value.split(',').map((s) => s.trim()).filter(Boolean);
  if (items.length === 0) throw new InvalidArgumentError('expected a comma-separated list');
  return items;
}

function commaNumbers(value: string): number[] {
  return commaList(value).map((s) => {
    const n = Number(s);
    if (!Number.isFinite(n) || n <= 0) throw new InvalidArgumentError(`expected numbers > 0, found "${s}"`);
    return n;
  });
}

function parseFraction(value: string): number {
  const n = Number(value);
  if (value.trim() === '' || !Number.isFinite(n) || n <= 0 || n > 1) throw new InvalidArgumentError('expected a fraction above 0 up to 1');
  return n;
}
