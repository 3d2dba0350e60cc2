import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadCatalog, type Catalog } from '../../../src/model/catalog.js';
import { writeGenericCsv } from '../../../src/traces/write-generic-csv.js';
import { tinyWorkload } from '../../helpers/tiny-world.js';

/**
 * A hand-computable planning world in a temp folder:
 * - host model `box`: 4 cores x 1000 MHz = 4000 MHz, 16 GiB, idle 100 W, max 200 W, $1000;
 * - hypervisor `none`: no overhead, no overcommit, so placement reserves a VM's full size;
 * - 14 VMs of 2 cores / 2000 MHz / 1 GiB, each using 1000 MHz for one hour.
 * Two VMs fill a host (2 x 2000 = 4000 MHz reserved), so 14 VMs need exactly 7 hosts; with 6
 * hosts 2 VMs stay unplaced and their demand is unmet: 2 / 14 = 14.3% of all demand.
 */
export interface PlanWorld {
  dir: string;
  scenario: string;
  catalogDir: string;
  catalog: Catalog;
  cacheDir: string;
}

export const WORLD_VMS = 14;

export function planWorld(): PlanWorld {
  const dir = mkdtempSync(join(tmpdir(), 'rackplan-plan-'));
  const models = join(dir, 'models');
  const json = (path: string, value: unknown) => {
    mkdirSync(join(path, '..'), { recursive: true });
    writeFileSync(path, JSON.stringify(value, null, 2));
  };
  json(join(models, 'hosts', 'box.json'), {
    id: 'box',
    name: 'Test box (4 x 1000 MHz)',
    cores: 4,
    mhzPerCore: 1000,
    memoryMiB: 16384,
    power: { kind: 'linear', idleW: 100, maxW: 200 },
    costUsd: 1000,
    source: 'test',
  });
  json(join(models, 'hosts', 'big-box.json'), {
    id: 'big-box',
    name: 'Test big box (8 x 1000 MHz)',
    cores: 8,
    mhzPerCore: 1000,
    memoryMiB: 32768,
    power: { kind: 'linear', idleW: 150, maxW: 300 },
    costUsd: 2500,
    source: 'test',
  });
  json(join(models, 'hypervisors', 'none.json'), {
    id: 'none',
    name: 'none',
    cpuOverheadFraction: 0,
    memoryOverheadMiB: 0,
    cpuOvercommit: 1,
    memoryOvercommit: 1,
    source: 'test',
  });
  json(join(dir, 'topology.json'), {
    id: 'seven',
    name: '7 boxes',
    hypervisor: 'none',
    clusters: [{ id: 'c', racks: [{ id: 'r', hosts: [{ model: 'box', count: 7 }] }] }],
  });
  const samples: [number, number][] = Array.from({ length: 12 }, (_, i) => [i * 300, 1000]);
  const vms = Array.from({ length: WORLD_VMS }, (_, i) => ({ id: `vm-${String(i).padStart(2, '0')}`, cores: 2, cpuCapacityMhz: 2000, samples, endSeconds: 3600 }));
  writeGenericCsv(tinyWorkload(vms), join(dir, 'trace.csv'));
  json(join(dir, 'scenario.json'), {
    name: 'plan-world',
    seed: 1,
    trace: { path: 'trace.csv', format: 'csv' },
    topology: 'topology.json',
    placement: { policy: 'best-fit' },
    reportIntervalSeconds: 300,
  });
  return { dir, scenario: join(dir, 'scenario.json'), catalogDir: models, catalog: loadCatalog(models), cacheDir: join(dir, 'cache') };
}
