import { Command } from 'commander';
import { stableStringify } from '../common/stable-json.js';
import { topologyNotesText } from './topology-notes-text.js';
import { validateFile } from './validate-file.js';

export function registerValidateCommand(program: Command): void {
  program
    .command('validate <files...>')
    .description('Check models/ files (host model, hypervisor, topology, guest, failure model, scenario, compare spec, sweep or portfolio) and what they refer to, as the command that reads each would; stops at the first bad one')
    .option('--json', 'print {"file", "kind", "valid", "notes"} to stdout (a list of them for several files; notes only when there are some)')
    .action(async (files: string[], flags: { json?: boolean }) => {
      const checked: { file: string; kind: string; valid: true; notes?: string[] }[] = [];
      for (const file of files) {
        const notes: string[] = [];
        const kind = await validateFile(file, undefined, notes);
        checked.push({ file, kind, valid: true, ...(notes.length > 0 ? { notes } : {}) });
        // How an OpenDC topology was mapped, on stderr like replay's (and in --json as `notes`).
        process.stderr.write(topologyNotesText(notes));
        if (!flags.json) process.stdout.write(`ok: ${file} is a valid ${kind}\n`);
      }
      if (flags.json) process.stdout.write(stableStringify(checked.length === 1 ? checked[0] : checked));
    });
}
