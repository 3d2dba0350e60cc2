import { join } from 'node:path';
import { Command } from 'commander';
import { writeFileAtomic } from '../common/atomic-write.js';
import { jsonSchemaOf, SPEC_KINDS, type SpecKind } from './spec-kinds.js';

export function registerSchemasCommand(program: Command): void {
  program
    .command('schemas')
    .description('Write the JSON Schemas of every models/ file kind (editors use them through "$schema")')
    .option('--out <dir>', 'output folder', 'schemas')
    .action((flags: { out: string }) => {
      for (const kind of Object.keys(SPEC_KINDS) as SpecKind[]) writeFileAtomic(join(flags.out, `${kind}.schema.json`), jsonSchemaOf(kind));
      process.stderr.write(`schemas: written to ${flags.out}\n`);
    });
}
