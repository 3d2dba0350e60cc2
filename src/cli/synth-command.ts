import { Command } from 'commander';
import { synthesizeWorkload } from '../traces/synthetic-workload.js';
import { writeGenericCsv } from '../traces/write-generic-csv.js';
import { parseNonNegativeInt, parsePositiveInt, parsePositiveNumber } from './parse-flags.js';

export function registerSynthCommand(program: Command): void {
  program
    .command('synth')
    .description('Generate a seeded Bitbrains-like workload in the generic csv format (.csv or .csv.gz)')
    .option('--vms <n>', 'number of VMs', parsePositiveInt, 100)
    .option('--days <n>', 'length in days', parsePositiveNumber, 3)
    .option('--interval <s>', 'sampling interval in seconds', parsePositiveInt, 300)
    .option('--seed <n>', 'random seed', parseNonNegativeInt, 1)
    .requiredOption('--out <file>', 'output file (.csv or .csv.gz)')
    .action((flags: { vms: number; days: number; interval: number; seed: number; out: string }) => {
      const workload = synthesizeWorkload({ vms: flags.vms, days: flags.days, seed: flags.seed, intervalSeconds: flags.interval });
      const rows = writeGenericCsv(workload, flags.out);
      process.stderr.write(`synth: ${flags.vms} VMs, ${rows} samples -> ${flags.out}\n`);
    });
}
