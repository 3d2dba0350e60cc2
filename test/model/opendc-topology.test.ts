import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { InputError } from '../../src/common/input-error.js';
import { loadCatalog } from '../../src/model/catalog.js';
import { buildDatacenter } from '../../src/model/datacenter.js';
import { loadTopology } from '../../src/model/load-topology.js';
import { readOpenDcTopology } from '../../src/model/opendc-topology.js';
import { runCli } from '../helpers/cli.js';

const FIXTURE = join(import.meta.dirname, 'fixtures', 'opendc-topology.json');
const raw = JSON.parse(readFileSync(FIXTURE, 'utf8')) as unknown;
const tmp = mkdtempSync(join(tmpdir(), 'rackplan-opendc-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe('OpenDC topology files', () => {
  it('map clusters (with counts), host types, CPUs, memory and power models', () => {
    const read = readOpenDcTopology(raw, FIXTURE);
    expect(read.topology.clusters.map((c) => c.id)).toEqual(['c01-1', 'c01-2', 'gpu']);
    expect(read.topology.clusters[0]!.racks[0]!.hosts).toEqual([
      { model: 'opendc-c01-h01', count: 2 },
      { model: 'opendc-c01-h02', count: 1 },
    ]);
    const [h01, h02, gpu] = read.models;
    // H01: two 16-core CPUs at 2100 MHz (one given as "2.1 Ghz"); 137438953472 bytes = 128 GiB.
    expect(h01).toMatchObject({ cores: 32, mhzPerCore: 2100, memoryMiB: 131072, power: { kind: 'linear', idleW: 200, maxW: 400 } });
    // H02: 2 x 8 cores at 3000 MHz; sqrt power: 32 + (180 - 32) x sqrt(0.5) = 136.65 W at 50%.
    expect(h02).toMatchObject({ cores: 16, mhzPerCore: 3000, memoryMiB: 65536 });
    const curve = (h02!.power as { wattsAtLoad: number[] }).wattsAtLoad;
    expect(curve[0]).toBe(32);
    expect(curve[5]).toBeCloseTo(136.65, 2);
    expect(curve[10]).toBe(180);
    expect(gpu).toMatchObject({ id: 'opendc-gpu-dualgpuhost', cores: 4, gpus: 2, memoryMiB: 32768, power: { kind: 'linear', idleW: 200, maxW: 350 } });
  });

  it('report what does not map, never drop it silently', () => {
    const { unmapped } = readOpenDcTopology(raw, FIXTURE);
    expect(unmapped.join('\n')).toMatch(/clusters\[0\]\.powerSource: no rackplan equivalent/);
    expect(unmapped.join('\n')).toMatch(/clusters\[1\]\.hosts\[0\]\.cpuDistributionPolicy: no rackplan equivalent/);
    expect(unmapped.join('\n')).toMatch(/clusters\[1\]\.hosts\[0\]\.gpu: only the GPU count is kept/);
    expect(unmapped.join('\n')).toMatch(/clusters\[1\]\.hosts\[0\]\.powerModel: absent; assumed linear 200 W idle to 350 W/);
  });

  it('build a datacenter of 7 hosts, and bad values name their field', () => {
    const loaded = loadTopology(FIXTURE, loadCatalog());
    const dc = buildDatacenter(loaded.topology, loaded.catalog, FIXTURE);
    expect(dc.hostCount).toBe(7);
    expect(dc.cpuCapacityMhz[0]).toBe(32 * 2100);
    const bad = { clusters: [{ hosts: [{ cpu: { coreCount: 4, coreSpeed: '3 furlongs' }, memory: { memorySize: 1 } }] }] };
    expect(() => readOpenDcTopology(bad, 'bad.json')).toThrow(InputError);
    expect(() => readOpenDcTopology(bad, 'bad.json')).toThrow(/bad\.json: clusters\[0\]\.hosts\[0\]\.cpu\.coreSpeed: "3 furlongs"/);
  });

  it('replay runs on one with --topology and prints the mapping', () => {
    const result = runCli(tmp, 'replay', '--scenario', 'default', '--topology', FIXTURE, '--json', '--out', join(tmp, 'run'));
    expect(result.code, result.stderr).toBe(0);
    expect(result.stderr).toMatch(/OpenDC format\n {2}mapped: clusters\[0\]\.hosts\[0\]: 2 x 32 cores x 2100 MHz/);
    expect(result.stderr).toContain('not mapped: clusters[0].powerSource');
    expect((JSON.parse(result.stdout) as { hosts: { total: number } }).hosts.total).toBe(7);
  });
});
