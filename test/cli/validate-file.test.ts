import { mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { validateFile } from '../../src/cli/validate-file.js';
import { SPEC_KINDS } from '../../src/cli/spec-kinds.js';
import { InputError } from '../../src/common/input-error.js';
import { loadCatalog } from '../../src/model/catalog.js';
import { ROOT } from '../helpers/cli.js';

const MODELS = join(ROOT, 'models');
const catalog = loadCatalog();

/** In-process, so checking every shipped file takes well under a second, busy machine or not. */
describe('validate agrees with what the commands accept', () => {
  it('accepts every shipped models/ file, portfolios, failure models and sweeps included, as its kind', async () => {
    const kinds: Record<string, string[]> = {};
    for (const folder of readdirSync(MODELS)) {
      // Scenarios may sit in subfolders (scenarios/cloudsim/): every .json file below counts.
      for (const name of readdirSync(join(MODELS, folder), { recursive: true, encoding: 'utf8' }).filter((n) => n.endsWith('.json'))) {
        const kind = await validateFile(join(MODELS, folder, name), catalog);
        (kinds[folder] ??= []).push(kind);
      }
    }
    expect(new Set(kinds.portfolios)).toEqual(new Set(['portfolio']));
    expect(new Set(kinds.scenarios)).toEqual(new Set(['scenario', 'compare']));
    expect(new Set(kinds.hosts)).toEqual(new Set(['host-model']));
    expect(new Set(kinds.sweeps)).toEqual(new Set(['sweep']));
  });

  it('every models/ folder has a kind with a schema, and every shipped file names its schema', () => {
    const folders = new Set(Object.values(SPEC_KINDS).map((k) => k.folder));
    // models/carbon holds CSV data (carbon intensities), which validate reads as such; no JSON kind.
    for (const folder of readdirSync(MODELS).filter((f) => f !== 'carbon')) expect(folders, folder).toContain(folder);
    for (const folder of readdirSync(MODELS)) {
      for (const name of readdirSync(join(MODELS, folder), { recursive: true, encoding: 'utf8' }).filter((n) => n.endsWith('.json'))) {
        const json = JSON.parse(readFileSync(join(MODELS, folder, name), 'utf8'));
        // One folder deeper (scenarios/cloudsim/) is one more ../ to the schemas.
        const up = '\\.\\./'.repeat(2 + name.split('/').length - 1);
        expect(json.$schema, `${folder}/${name}`).toMatch(new RegExp(`^${up}schemas/[a-z-]+\\.schema\\.json$`));
      }
    }
  });

  it('a compare spec without $schema in scenarios/ is checked as a compare spec, not refused as a scenario', async () => {
    const dir = join(mkdtempSync(join(tmpdir(), 'rackplan-validate-')), 'scenarios');
    mkdirSync(dir);
    const spec = JSON.parse(readFileSync(join(MODELS, 'scenarios', 'compare-default.json'), 'utf8'));
    delete spec.$schema;
    spec.trace.path = join(ROOT, 'traces', 'default', 'bitbrains-like-100vms-3d.csv.gz');
    writeFileSync(join(dir, 'c.json'), JSON.stringify(spec));
    expect(await validateFile(join(dir, 'c.json'), catalog)).toBe('compare');
    writeFileSync(join(dir, 'x.json'), JSON.stringify({ name: 'x' }));
    await expect(validateFile(join(dir, 'x.json'), catalog)).rejects.toThrow(InputError);
    await expect(validateFile(join(dir, 'x.json'), catalog)).rejects.toThrow(/is none of the kinds of scenarios\/ \(scenario, compare\); give it a "\$schema"/);
  });

  it('checks a portfolio the way plan --portfolio does: an unknown placement is refused', async () => {
    const dir = join(mkdtempSync(join(tmpdir(), 'rackplan-validate-')), 'portfolios');
    mkdirSync(dir);
    const spec = JSON.parse(readFileSync(join(MODELS, 'portfolios', 'default-small.json'), 'utf8'));
    spec.scenario = join(MODELS, 'scenarios', 'default.json');
    spec.failures = [{ id: 'none' }];
    spec.placement = ['bestfit'];
    writeFileSync(join(dir, 'p.json'), JSON.stringify(spec));
    await expect(validateFile(join(dir, 'p.json'), catalog)).rejects.toThrow(/placement\[0\]: unknown placement policy "bestfit"/);
  });
});
