import { Command } from 'commander';
import { stableStringify } from '../common/stable-json.js';
import { validateFile } from './validate-file.js';

export function registerValidateCommand(program: Command): void {
  program
    .command('validate <files...>')
    .description('Check models/ files (host model, hypervisor, topology, guest, failure model, scenario, compare spec, sweep or portfolio) and what they refer to, as the command that reads each would; stops at the first bad one')
    .option('--json', 'print {"file", "kind", "valid"} to stdout (a list of them for several files)')
    .action(async (files: string[], flags: { json?: boolean }) => {
      const checked: { file: string; kind: string; valid: true }[] = [];
      for (const file of files) {
        const kind = await validateFile(file);
        checked.push({ file, kind, valid: true });
        if (!flags.json) process.stdout.write(`ok: ${file} is a valid ${kind}\n`);
      }
      if (flags.json) process.stdout.write(stableStringify(checked.length === 1 ? checked[0] : checked));
    });
}
