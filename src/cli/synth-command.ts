import { Command, InvalidArgumentError, Option } from 'commander';
import { writeSynthetic, type SynthFormat } from '../traces/write-synthetic.js';
import { parseNonNegativeInt, parsePositiveInt, parsePositiveNumber } from './parse-flags.js';

interface SynthFlags {
  vms: number;
  days: number;
  interval: number;
  seed: number;
  format: SynthFormat;
  gzipLevel: number;
  out: string;
}

export function registerSynthCommand(program: Command): void {
  program
    .command('synth')
    .description('Generate a seeded Bitbrains-like workload: generic csv (.csv or .csv.gz) or a Bitbrains-format folder; constant memory at any size')
    .option('--vms <n>', 'number of VMs', parsePositiveInt, 100)
    .option('--days <n>', 'length in days', parsePositiveNumber, 3)
    .option('--interval <s>', 'sampling interval in seconds', parsePositiveInt, 300)
    .option('--seed <n>', 'random seed', parseNonNegativeInt, 1)
    .addOption(new Option('--format <id>', 'csv: one generic csv file; bitbrains: a folder of <n>.csv, one per VM').choices(['csv', 'bitbrains']).default('csv'))
    .addOption(new Option('--gzip-level <n>', 'gzip level of a .csv.gz output (9 reproduces the shipped trace; 1 is about 20x faster)').argParser(parseGzipLevel).default(9))
    .requiredOption('--out <path>', 'output file (.csv or .csv.gz) or, with --format bitbrains, a new folder')
    .action(async (flags: SynthFlags) => {
      const rows = await writeSynthetic({ vms: flags.vms, days: flags.days, seed: flags.seed, intervalSeconds: flags.interval, format: flags.format, gzipLevel: flags.gzipLevel }, flags.out);
      process.stderr.write(`synth: ${flags.vms} VMs, ${rows} samples -> ${flags.out}\n`);
    });
}

function parseGzipLevel(value: string): number {
  const level = parseNonNegativeInt(value);
  if (level > 9) throw new InvalidArgumentError('expected a whole number from 0 to 9');
  return level;
}
