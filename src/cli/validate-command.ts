import { Command } from 'commander';
import { stableStringify } from '../common/stable-json.js';
import { validateFile } from './validate-file.js';

export function registerValidateCommand(program: Command): void {
  program
    .command('validate <file>')
    .description('Check a models/ file (host model, hypervisor, topology, guest, failure model, scenario, compare spec, sweep or portfolio) and what it refers to, as the command that reads it would')
    .option('--json', 'print {"file", "kind", "valid"} to stdout')
    .action((file: string, flags: { json?: boolean }) => {
      const kind = validateFile(file);
      if (flags.json) process.stdout.write(stableStringify({ file, kind, valid: true }));
      else process.stdout.write(`ok: ${file} is a valid ${kind}\n`);
    });
}
