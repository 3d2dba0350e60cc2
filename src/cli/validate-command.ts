import { basename, dirname } from 'node:path';
import { Command } from 'commander';
import { InputError } from '../common/input-error.js';
import { loadCatalog } from '../model/catalog.js';
import { buildDatacenter } from '../model/datacenter.js';
import { loadSpec } from '../model/load-spec.js';
import { TopologySpecSchema } from '../model/specs.js';
import { placementPolicy } from '../placement/registry.js';
import { SPEC_KINDS, type SpecKind } from './spec-kinds.js';
import { loadPlugins } from '../scenario/load-plugins.js';
import { loadScenario } from '../scenario/load-scenario.js';
import { loadDatacenter } from '../scenario/run-scenario.js';
import { readFileSync } from 'node:fs';

export function registerValidateCommand(program: Command): void {
  program
    .command('validate <files...>')
    .description('Check models/ files (host model, hypervisor, topology, guest or scenario) and what they refer to; stops at the first bad one')
    .action(async (files: string[]) => {
      for (const file of files) await validateFile(file);
    });
}

async function validateFile(file: string): Promise<void> {
  const kind = kindOf(file);
  if (kind === 'scenario') {
    const scenario = loadScenario(file);
    const plugins = await loadPlugins(scenario.spec.plugins);
    placementPolicy(scenario.spec.placement.policy, { file, field: 'placement.policy' }, plugins.placement);
    loadDatacenter(scenario, loadCatalog());
  } else if (kind === 'topology') {
    buildDatacenter(loadSpec(file, TopologySpecSchema), loadCatalog(), file);
  } else {
    loadSpec(file, SPEC_KINDS[kind].schema);
  }
  process.stdout.write(`ok: ${file} is a valid ${kind}\n`);
}

/** By its `$schema` name, else by its folder (models/hosts/ and so on). */
function kindOf(file: string): SpecKind {
  let schemaRef: unknown;
  try {
    schemaRef = (JSON.parse(readFileSync(file, 'utf8')) as { $schema?: unknown }).$schema;
  } catch {
    schemaRef = undefined; // loadSpec below reports unreadable or invalid JSON with its line
  }
  for (const kind of Object.keys(SPEC_KINDS) as SpecKind[]) {
    if (typeof schemaRef === 'string' && basename(schemaRef) === `${kind}.schema.json`) return kind;
  }
  const folder = basename(dirname(file));
  for (const [kind, { folder: name }] of Object.entries(SPEC_KINDS)) if (name === folder) return kind as SpecKind;
  loadSpec(file, TopologySpecSchema.partial());
  throw new InputError(`cannot tell what kind of file this is; give it a "$schema" (one of ${Object.keys(SPEC_KINDS).map((k) => `${k}.schema.json`).join(', ')})`, { file });
}
