import { basename, dirname, join, resolve } from 'node:path';
import { Command, Option } from 'commander';
import { InputError } from '../common/input-error.js';
import { StreamedFile } from '../common/streamed-file.js';
import { stableStringify } from '../common/stable-json.js';
import { RUN_FILES } from '../metrics/run-files.js';
import { loadScenario } from '../scenario/load-scenario.js';
import { runScenario } from '../scenario/run-scenario.js';
import { cacheDirOption, printCacheWarning } from './cache-dir.js';
import { clearProgress, progressReporter } from './progress.js';
import { parseNonNegativeInt, parseNonNegativeNumber, parsePositiveInt } from './parse-flags.js';
import { loadCatalog, lookup } from '../model/catalog.js';
import { openDcNotesOf } from '../model/load-topology.js';
import { topologyNotesText } from './topology-notes-text.js';
import { checkRunFolder } from './run-folder-files.js';
import { startupTrace } from './startup-trace.js';
import { readVmIdList } from '../traces/vm-id-list.js';
import type { WorkloadSelection } from '../traces/workload-window.js';

/**
 * The catalog model a trace's machines are assumed to be (`--topology trace`): rackplan's generic
 * two-socket server, since the traces give no clock rate or power of their own.
 */
const TRACE_REFERENCE_MODEL = 'generic-2s-64c';

function traceReference(id: string): { referenceModel: string; mhzPerCore: number } {
  const model = lookup(loadCatalog().hosts, id, 'host model', { field: '--host-model' });
  return { referenceModel: id, mhzPerCore: model.mhzPerCore };
}

/** `--vms`: a whole number is a count of VMs; anything else names a VM id list file. */
function parseVmsFlag(value: string): number | string {
  return /^\s*\d+\s*$/.test(value) ? parsePositiveInt(value.trim()) : value;
}

export function registerReplayCommand(program: Command): void {
  program
    .command('replay')
    .description('Replay a workload trace on a datacenter; writes summary.json, CSVs and report.html')
    .option('--scenario <file>', 'scenario JSON (models/scenarios/*.json); flags override it')
    .option('--trace <path>', 'trace file or folder')
    .option('--format <id>', 'trace format (detected when absent)')
    .option('--topology <file|trace>', 'topology JSON (default: models/topologies/default.json), or "trace": the machines the trace describes (alibaba-2018, alibaba-gpu-2023, google-2011 with machine_events)')
    .option('--host-model <id>', `with --hosts: a uniform topology of this host model instead of --topology; with --topology trace: the model whose MHz per core and power curve the trace's machines are assumed to have (default ${TRACE_REFERENCE_MODEL})`)
    .option('--hosts <n>', 'with --host-model: how many hosts', parsePositiveInt)
    .option('--vms <n|file>', 'replay only the first n VMs of the trace, or the VMs a file lists (one id per line, # comments)', parseVmsFlag)
    .option('--from <seconds>', 'replay from this time, seconds from the trace start', parseNonNegativeNumber)
    .option('--to <seconds>', 'replay up to this time, seconds from the trace start', parseNonNegativeNumber)
    .option('--failures <file>', 'failure model JSON (models/failures) or failure trace CSV (host_or_domain,start,end)')
    .option('--placement <name>', 'placement policy')
    .option('--plugins <modules>', 'plug-in modules, comma-separated (docs/extending.md)')
    .addOption(new Option('--sharing <mode>', 'CPU sharing').choices(['fixed', 'elastic']))
    .option('--hypervisor <id>', 'hypervisor for every cluster')
    .option('--switch-off-idle', 'switch hosts without VMs off')
    .option('--seed <n>', 'random seed', parseNonNegativeInt)
    .option('--cache-dir <dir>', 'parsed-trace cache ("none" to disable)')
    .option('--json', 'print summary.json to stdout')
    .option('--events', 'also write events.log: one line per simulated event (docs/simulation.md)')
    .option('--strict', 'exit with code 3 when the verdict has warnings (unplaced VMs, unmet demand, ...)')
    .option('--parquet', 'also write hosts.parquet, vms.parquet and timeseries.parquet (and events.parquet with --events), long format')
    .requiredOption('--out <dir>', 'output folder')
    .action(async (flags: ReplayFlags) => {
      if (!flags.scenario && !flags.trace) throw new InputError('replay needs --scenario <file> or --trace <path>');
      checkRunFolder(flags.out);
      const fromTrace = flags.topology === 'trace';
      if (fromTrace && flags.hosts !== undefined) throw new InputError('not with --topology trace: the trace says how many hosts there are', { field: '--hosts' });
      if (!fromTrace && (flags.hostModel === undefined) !== (flags.hosts === undefined)) throw new InputError('--host-model and --hosts go together', { field: flags.hostModel ? '--hosts' : '--host-model' });
      if (flags.from !== undefined && flags.to !== undefined && flags.to <= flags.from) throw new InputError(`must be after --from (${flags.from} s)`, { field: '--to' });
      if (!fromTrace && flags.hostModel && flags.topology) throw new InputError('give either --topology or --host-model with --hosts', { field: '--topology' });
      const traceTopology = fromTrace ? traceReference(flags.hostModel ?? TRACE_REFERENCE_MODEL) : undefined;
      const scenario = loadScenario(flags.scenario ?? null, {
        ...(flags.trace ? { trace: flags.trace } : {}),
        ...(flags.format ? { format: flags.format } : {}),
        ...(flags.topology && !fromTrace ? { topology: flags.topology } : {}),
        ...(traceTopology ? { traceTopology } : {}),
        ...(flags.placement ? { placement: flags.placement } : {}),
        ...(flags.sharing ? { sharing: flags.sharing } : {}),
        ...(flags.hypervisor ? { hypervisor: flags.hypervisor } : {}),
        ...(flags.switchOffIdle ? { switchOffIdle: true } : {}),
        ...(flags.seed !== undefined ? { seed: flags.seed } : {}),
        ...(flags.plugins ? { plugins: flags.plugins.split(',').filter((p) => p !== '') } : {}),
        ...(flags.failures ? { failures: flags.failures } : {}),
        ...(flags.hostModel && flags.hosts ? { uniform: { model: flags.hostModel, count: flags.hosts } } : {}),
        ...(flags.vms !== undefined || flags.from !== undefined || flags.to !== undefined ? { selection: selectionOf(flags) } : {}),
      });
      if (!scenario.uniform && !fromTrace) process.stderr.write(topologyNotesText(openDcNotesOf(scenario.topologyPath)));
      const onProgress = progressReporter(`replay ${scenario.spec.name}`);
      // The log streams beside the output folder and moves into it with the other files.
      const out = resolve(flags.out);
      const events = flags.events ? new StreamedFile(join(dirname(out), `.${basename(out)}.events-${process.pid}`)) : null;
      const onSimulationStart = startupTrace('replay');
      let result;
      try {
        result = await runScenario(scenario, { cacheDir: cacheDirOption(flags.cacheDir), onWarning: printCacheWarning, ...(flags.parquet ? { recordIntervals: true } : {}), ...(onProgress ? { onProgress } : {}), ...(events ? { events } : {}), ...(onSimulationStart ? { onSimulationStart } : {}) });
        clearProgress();
        // The writers, the verdict and the report (d3) load after the simulation: a replay starts simulating without them.
        const { writeRunFolder } = await import('./run-folder.js');
        const parquet = flags.parquet ? (await import('./parquet-outputs.js')).runParquetWriter : null;
        await writeRunFolder(result, flags.out, events, parquet ? await parquet(result) : undefined);
      } catch (error) {
        events?.abort();
        throw error;
      }
      if (flags.json) process.stdout.write(stableStringify(result.summary));
      const [{ printVerdict }, { runVerdict }] = await Promise.all([import('./print-verdict.js'), import('../report/run-verdict.js')]);
      printVerdict(`replay ${scenario.spec.name}`, runVerdict(result.summary, result.inputs), join(flags.out, RUN_FILES.report), flags.strict === true);
    });
}

interface ReplayFlags {
  scenario?: string;
  trace?: string;
  format?: string;
  topology?: string;
  placement?: string;
  plugins?: string;
  hostModel?: string;
  hosts?: number;
  vms?: number | string;
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
  parquet?: boolean;
  out: string;
}

function selectionOf(flags: ReplayFlags): WorkloadSelection {
  return {
    ...(typeof flags.vms === 'number' ? { firstVms: flags.vms } : {}),
    ...(typeof flags.vms === 'string' ? { vmList: readVmIdList(resolve(flags.vms)) } : {}),
    ...(flags.from !== undefined ? { fromMs: Math.round(flags.from * 1000) } : {}),
    ...(flags.to !== undefined ? { toMs: Math.round(flags.to * 1000) } : {}),
  };
}
