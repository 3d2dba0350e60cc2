import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { validateFile } from '../../src/cli/validate-file.js';
import { CLI, expectBadInput, ROOT, runCli } from '../helpers/cli.js';

let work: string;

beforeAll(() => {
  if (!existsSync(CLI)) throw new Error('dist/ is missing: npm test builds it first (npm run build)');
  work = mkdtempSync(join(tmpdir(), 'rackplan-facility-cli-'));
});

describe('bad facility input on the command line', () => {
  it('a bad intensity row stops replay with one line naming file, line and field, exit 2, nothing written', () => {
    writeFileSync(join(work, 'grid.csv'), 'timestamp,gco2_per_kwh\n2023-01-01T00:00:00Z,300\n2023-01-01T01:00:00Z,lots\n');
    writeFileSync(
      join(work, 'scenario.json'),
      JSON.stringify({ name: 'bad-grid', trace: { path: join(ROOT, 'traces', 'default', 'bitbrains-like-100vms-3d.csv.gz') }, topology: join(ROOT, 'models', 'topologies', 'default.json'), carbon: { intensity: 'grid.csv' } }),
    );
    const out = join(work, 'out-grid');
    expectBadInput(runCli(join(work, 'cache'), 'replay', '--scenario', join(work, 'scenario.json'), '--out', out), out, /grid\.csv:3: gco2_per_kwh: expected gCO2 per kWh between 0 and 5000, found "lots"/);
  });

  it('a topology with more hosts than slots is refused by validate with the rack named, exit 2', () => {
    const topology = join(work, 'topology.json');
    writeFileSync(
      topology,
      JSON.stringify({ $schema: 'topology.schema.json', id: 't', name: 't', hypervisor: 'kvm', clusters: [{ id: 'c', racks: [{ id: 'rack-x', slots: 2, hosts: [{ model: 'dell-poweredge-r740', count: 3 }] }] }] }),
    );
    const result = runCli(join(work, 'cache'), 'validate', topology);
    expect(result.code).toBe(2);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
    expect(result.stderr).toContain('clusters[0].racks[0].slots: rack "rack-x" holds 3 hosts but has 2 slots');
  });
});

describe('validate reads carbon-intensity files', () => {
  it('the shipped illustrative grid is a valid carbon-intensity file; a bad one names its line', async () => {
    expect(await validateFile(join(ROOT, 'models', 'carbon', 'illustrative-grid.csv'))).toBe('carbon-intensity');
    const bad = join(work, 'elsewhere.csv');
    writeFileSync(bad, '# a grid\ntimestamp,gco2_per_kwh\n2023-01-01T00:00:00Z,1\n2022-12-31T00:00:00Z,2\n');
    await expect(validateFile(bad)).rejects.toThrow(`${bad}:4: timestamp: timestamps must increase`);
  });
});
