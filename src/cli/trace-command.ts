import type { Command } from 'commander';
import { stableStringify } from '../common/stable-json.js';
import { inspectWorkload } from '../traces/inspect.js';
import { renderInspectionTable } from '../traces/inspection-table.js';
import { loadTrace } from '../traces/load-trace.js';
import { traceFormatIds } from '../traces/registry.js';
import { cacheDirOption, printCacheWarning } from './cache-dir.js';

interface InspectFlags {
  format?: string;
  json?: boolean;
  cacheDir?: string;
}

/** `rackplan trace inspect <path>`: what a trace holds, as a table or as stable JSON. */
export function registerTraceCommand(program: Command): void {
  const trace = program.commands.find((command) => command.name() === 'trace')
    ?? program.command('trace').description('Read and inspect workload traces');
  trace
    .command('inspect <path>')
    .description('Summarize a trace: entities, time span, sampling, demand, sizes, anomalies')
    .option('--format <id>', `trace format (auto-detected when absent): ${traceFormatIds().join(', ')}`)
    .option('--json', 'print stable JSON instead of a table')
    .option('--cache-dir <dir>', 'binary trace cache folder ("none" disables; default $RACKPLAN_CACHE_DIR or ~/.cache/rackplan)')
    .action(async (path: string, flags: InspectFlags) => {
      const loaded = await loadTrace(path, { ...(flags.format ? { format: flags.format } : {}), cacheDir: cacheDirOption(flags.cacheDir), onWarning: printCacheWarning });
      const inspection = inspectWorkload(loaded.workload);
      process.stdout.write(flags.json ? stableStringify(inspection) : renderInspectionTable(inspection));
    });
}
