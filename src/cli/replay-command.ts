import { Command, Option } from 'commander';
import { join } from 'node:path';
import { InputError } from '../common/input-error.js';
import { StreamedFile } from '../common/streamed-file.js';
import { stableStringify } from '../common/stable-json.js';
import { loadScenario } from '../scenario/load-scenario.js';
import { runScenario } from '../scenario/run-scenario.js';
import { cacheDirOption } from './cache-dir.js';
import { clearProgress, progressReporter } from './progress.js';
import { parseNonNegativeInt, parseNonNegativeNumber, parsePositiveInt } from './parse-flags.js';
import { printVerdict } from './print-verdict.js';
import { writeRunFolder } from './write-run-folder.js';
import { runVerdict } from '../report/run-verdict.js';

/** The event log's name in a run folder. */
export const EVENTS_FILE = 'events.log';

export function registerReplayCommand(program: Command): void {
  program
    .command('replay')
    .description('Replay a workload trace on a datacenter; writes summary.json, CSVs and report.html')
    .option('--scenario <file>', 'scenario JSON (models/scenarios/*.json); flags override it')
    .option('--trace <path>', 'trace file or folder')
    .option('--format <id>', 'trace format (detected when absent)')
    .option('--topology <file>', 'topology JSON (default: models/topologies/default.json)')
    .option('--host-model <id>', 'with --hosts: a uniform topology of this host model instead of --topology')
    .option('--hosts <n>', 'with --host-model: how many hosts', parsePositiveInt)
    .option('--vms <n>', 'replay only the first n VMs of the trace', parsePositiveInt)
    .option('--from <seconds>', 'replay from this time, seconds from the trace start', parseNonNegativeNumber)
    .option('--to <seconds>', 'replay up to this time, seconds from the trace start', parseNonNegativeNumber)
    .option('--failures <file>', 'failure model JSON (models/failures) or failure trace CSV (host_or_domain,start,end)')
    .option('--placement <name>', 'placement policy')
    .addOption(new Option('--sharing <mode>', 'CPU sharing').choices(['fixed', 'elastic']))
    .option('--hypervisor <id>', 'hypervisor for every cluster')
    .option('--switch-off-idle', 'switch hosts without VMs off')
    .option('--seed <n>', 'random seed', parseNonNegativeInt)
    .option('--cache-dir <dir>', 'parsed-trace cache ("none" to disable)')
    .option('--json', 'print summary.json to stdout')
    .option('--events', 'also write events.log: one line per simulated event (docs/simulation.md)')
    .option('--strict', 'exit with code 3 when the verdict has warnings (unplaced VMs, unmet demand, ...)')
    .requiredOption('--out <dir>', 'output folder')
    .action(async (flags: ReplayFlags) => {
      if (!flags.scenario && !flags.trace) throw new InputError('replay needs --scenario <file> or --trace <path>');
      if ((flags.hostModel === undefined) !== (flags.hosts === undefined)) throw new InputError('--host-model and --hosts go together', { field: flags.hostModel ? '--hosts' : '--host-model' });
      if (flags.from !== undefined && flags.to !== undefined && flags.to <= flags.from) throw new InputError(`must be after --from (${flags.from} s)`, { field: '--to' });
      if (flags.hostModel && flags.topology) throw new InputError('give either --topology or --host-model with --hosts', { field: '--topology' });
      const scenario = loadScenario(flags.scenario ?? null, {
        ...(flags.trace ? { trace: flags.trace } : {}),
        ...(flags.format ? { format: flags.format } : {}),
        ...(flags.topology ? { topology: flags.topology } : {}),
        ...(flags.placement ? { placement: flags.placement } : {}),
        ...(flags.sharing ? { sharing: flags.sharing } : {}),
        ...(flags.hypervisor ? { hypervisor: flags.hypervisor } : {}),
        ...(flags.switchOffIdle ? { switchOffIdle: true } : {}),
        ...(flags.seed !== undefined ? { seed: flags.seed } : {}),
        ...(flags.failures ? { failures: flags.failures } : {}),
        ...(flags.hostModel && flags.hosts ? { uniform: { model: flags.hostModel, count: flags.hosts } } : {}),
        ...(flags.vms !== undefined || flags.from !== undefined || flags.to !== undefined ? { selection: selectionOf(flags) } : {}),
      });
      const onProgress = progressReporter(`replay ${scenario.spec.name}`);
      const events = flags.events ? new StreamedFile(join(flags.out, EVENTS_FILE)) : null;
      let result;
      try {
        result = await runScenario(scenario, {
          cacheDir: cacheDirOption(flags.cacheDir),
          pathBase: process.cwd(),
          ...(onProgress ? { onProgress } : {}),
          ...(events ? { events } : {}),
        });
      } catch (error) {
        events?.abort();
        throw error;
      }
      clearProgress();
      events?.commit();
      const report = writeRunFolder(result, flags.out);
      if (flags.json) process.stdout.write(stableStringify(result.summary));
      printVerdict(`replay ${scenario.spec.name}`, runVerdict(result.summary), report, flags.strict === true);
    });
}

interface ReplayFlags {
  scenario?: string;
  trace?: string;
  format?: string;
  topology?: string;
  placement?: string;
  hostModel?: string;
  hosts?: number;
  vms?: number;
  from?: number;
  to?: number;
  failures?: string;
  sharing?: 'fixed' | 'elastic';
  hypervisor?: string;
  switchOffIdle?: boolean;
  seed?: number;
  cacheDir?: string;
  json?: boolean;
  events?: boolean;
  strict?: boolean;
  out: string;
}

function selectionOf(flags: ReplayFlags): { firstVms?: number; fromMs?: number; toMs?: number } {
  return {
    ...(flags.vms !== undefined ? { firstVms: flags.vms } : {}),
    ...(flags.from !== undefined ? { fromMs: Math.round(flags.from * 1000) } : {}),
    ...(flags.to !== undefined ? { toMs: Math.round(flags.to * 1000) } : {}),
  };
}
