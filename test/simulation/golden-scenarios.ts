import type { Outage } from '../../src/failures/failure-schedule.js';
import { placementPolicy } from '../../src/placement/registry.js';
import { DEFAULT_ELASTIC, sharingRules } from '../../src/simulation/sharing-rules.js';
import type { SimulationSettings } from '../../src/simulation/simulate.js';
import type { Workload } from '../../src/traces/workload.js';
import { hostModel, tinyDatacenter, tinyWorkload } from '../helpers/tiny-world.js';
import type { GoldenScenario } from './golden-harness.js';

/** 1 core of 1000 MHz, 4 GiB, linear 100 W idle .. 200 W busy: P(u) = 100 + 100 u. */
export const GOLDEN_HOST = hostModel('h', 1, 1000, 4096, { kind: 'linear', idleW: 100, maxW: 200 });

const outage = (hosts: number[], startS: number, endS: number): Outage => ({ hostIndices: hosts, startMs: startS * 1000, endMs: endS * 1000, cause: 'trace', source: 'golden' });

function settings(workload: Workload, extra: Partial<SimulationSettings> = {}): SimulationSettings {
  return {
    rules: sharingRules(workload, 'fixed', DEFAULT_ELASTIC),
    policy: placementPolicy('first-fit'),
    initialBatchMs: 300_000,
    reportIntervalMs: 300_000,
    ...extra,
  };
}

function abandonedMigration(): GoldenScenario {
  const workload = tinyWorkload([{ id: 'vm', cpuCapacityMhz: 1000, samples: [[0, 500]], endSeconds: 3600 }]);
  return {
    name: 'abandoned-migration',
    workload,
    dc: tinyDatacenter(GOLDEN_HOST, 2),
    settings: settings(workload, {
      maintenance: { startMs: 600_000, batchSize: 1, upgradeMs: 600_000, checkIntervalMs: 300_000 },
      failures: [outage([1], 605, 3600)],
    }),
  };
}

export const GOLDEN_SCENARIOS: (() => GoldenScenario)[] = [abandonedMigration];
