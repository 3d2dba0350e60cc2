import { RandomStream } from '../../src/engine/random.js';
import type { Outage } from '../../src/failures/failure-schedule.js';
import { ConsolidationPlanner } from '../../src/migration/consolidation-planner.js';
import { overloadDetector } from '../../src/migration/detector-registry.js';
import { vmSelector } from '../../src/migration/selector-registry.js';
import { placementPolicy } from '../../src/placement/registry.js';
import { DEFAULT_ELASTIC, sharingRules } from '../../src/simulation/sharing-rules.js';
import type { SimulationSettings } from '../../src/simulation/simulate.js';
import type { Workload } from '../../src/traces/workload.js';
import { hostModel, hypervisor, tinyDatacenter, tinyWorkload } from '../helpers/tiny-world.js';
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


/** Threshold detector at 0.8, minimum-migration-time selection, underload evacuation on or off. */
function consolidation(underload: boolean, intervalMs = 600_000): SimulationSettings['consolidation'] {
  const planner = new ConsolidationPlanner(overloadDetector('thr'), vmSelector('mmt'), { detectorSafety: 0.8, fallbackThreshold: 0.8, underload }, new RandomStream(1).fork('vm-selection'));
  return { intervalMs, planner, historyLength: 30 };
}

function sharingContention(): GoldenScenario {
  const workload = tinyWorkload([
    { id: 'a', cpuCapacityMhz: 1000, samples: [[0, 600], [600, 900], [1200, 900]], endSeconds: 1800 },
    { id: 'b', cpuCapacityMhz: 500, samples: [[0, 300], [600, 400], [1200, 200]], endSeconds: 1800 },
  ]);
  return {
    name: 'sharing-contention',
    workload,
    // CPU overcommit 2: placement may reserve 2000 MHz per host, so both VMs land on r-0001.
    dc: tinyDatacenter(GOLDEN_HOST, 2, hypervisor('overcommit', { cpuOvercommit: 2 })),
    settings: settings(workload),
  };
}

function elasticBurst(): GoldenScenario {
  const workload = tinyWorkload([
    { id: 'a', cpuCapacityMhz: 400, samples: [[0, 700], [600, 700], [1200, 900]], endSeconds: 1800 },
    { id: 'b', cpuCapacityMhz: 800, samples: [[0, 100], [600, 900], [1200, 100]], endSeconds: 1800 },
  ]);
  return {
    name: 'elastic-burst',
    workload,
    dc: tinyDatacenter(GOLDEN_HOST, 2),
    settings: settings(workload, { rules: sharingRules(workload, 'elastic', { ...DEFAULT_ELASTIC, minFraction: 0.5, maxFraction: 2 }) }),
  };
}

function liveMigration(): GoldenScenario {
  const workload = tinyWorkload([
    { id: 'a', cpuCapacityMhz: 500, memoryMiB: 1024, samples: [[0, 450]], endSeconds: 1800 },
    { id: 'b', cpuCapacityMhz: 500, memoryMiB: 512, samples: [[0, 200], [300, 450]], endSeconds: 1800 },
  ]);
  return {
    name: 'live-migration',
    workload,
    dc: tinyDatacenter(GOLDEN_HOST, 2),
    settings: settings(workload, { consolidation: consolidation(false) }),
  };
}

function failureHaRestart(): GoldenScenario {
  const workload = tinyWorkload([
    { id: 'a', cpuCapacityMhz: 500, samples: [[0, 400]], endSeconds: 2400 },
    { id: 'b', cpuCapacityMhz: 500, samples: [[0, 400]], endSeconds: 2400 },
    { id: 'c', cpuCapacityMhz: 400, samples: [[0, 300]], endSeconds: 2400 },
  ]);
  return {
    name: 'failure-ha-restart',
    workload,
    dc: tinyDatacenter(GOLDEN_HOST, 2),
    settings: settings(workload, { failures: [outage([0], 600, 1800)], ha: { detectionMs: 60_000, bootMs: 30_000 } }),
  };
}

function rollingMaintenance(): GoldenScenario {
  const workload = tinyWorkload([{ id: 'vm', cpuCapacityMhz: 1000, samples: [[0, 500]], endSeconds: 3000 }]);
  return {
    name: 'rolling-maintenance',
    workload,
    dc: tinyDatacenter(GOLDEN_HOST, 2),
    settings: settings(workload, { maintenance: { startMs: 600_000, batchSize: 1, upgradeMs: 600_000, checkIntervalMs: 300_000 } }),
  };
}

function underloadEvacuation(): GoldenScenario {
  const workload = tinyWorkload([
    { id: 'a', cpuCapacityMhz: 800, samples: [[0, 400]], endSeconds: 300 },
    { id: 'b', cpuCapacityMhz: 400, samples: [[0, 200]], endSeconds: 1800 },
    { id: 'c', cpuCapacityMhz: 200, samples: [[0, 100]], endSeconds: 1800 },
  ]);
  return {
    name: 'underload-evacuation',
    workload,
    dc: tinyDatacenter(GOLDEN_HOST, 2),
    settings: settings(workload, { power: { switchOffIdle: true }, consolidation: consolidation(true) }),
  };
}

function unplaceableVm(): GoldenScenario {
  const workload = tinyWorkload([
    { id: 'a', cpuCapacityMhz: 800, samples: [[0, 400]], endSeconds: 1800 },
    { id: 'b', cpuCapacityMhz: 800, samples: [[0, 400]], endSeconds: 1800 },
    { id: 'c', cpuCapacityMhz: 1500, samples: [[0, 300]], endSeconds: 1800 },
    { id: 'd', cpuCapacityMhz: 400, samples: [[600, 200]], endSeconds: 1800 },
  ]);
  return {
    name: 'unplaceable-vm',
    workload,
    dc: tinyDatacenter(GOLDEN_HOST, 2),
    settings: settings(workload),
  };
}

/** A deferrable VM (a) and an interactive one (b) share one host; a's trace ends with backlog left. */
function deferrableBacklog(): GoldenScenario {
  const workload = tinyWorkload([
    { id: 'a', cpuCapacityMhz: 800, samples: [[0, 800]], endSeconds: 12 },
    { id: 'b', cpuCapacityMhz: 800, samples: [[0, 800], [10, 400]], endSeconds: 30 },
  ]);
  return {
    name: 'deferrable-backlog',
    workload,
    dc: tinyDatacenter(GOLDEN_HOST, 1, hypervisor('overcommit', { cpuOvercommit: 2 })),
    settings: settings(workload, { reportIntervalMs: 5000, deferrable: Uint8Array.from([1, 0]) }),
  };
}

function standbyUpgrade(): GoldenScenario {
  const workload = tinyWorkload([{ id: 'vm', cpuCapacityMhz: 1000, samples: [[0, 500]], endSeconds: 3000 }]);
  return {
    name: 'standby-upgrade',
    workload,
    dc: tinyDatacenter(GOLDEN_HOST, 2),
    settings: settings(workload, {
      maintenance: { startMs: 600_000, batchSize: 1, upgradeMs: 600_000, checkIntervalMs: 300_000, standby: { transitionMs: 5_000, cpuFraction: 0 } },
    }),
  };
}

/** Two VMs that fill their hosts' CPU when replaced, so one wave needs a host switched on and one cannot be placed. */
function rolloutWorkload(): Workload {
  return tinyWorkload([
    { id: 'a', cpuCapacityMhz: 600, samples: [[0, 300]], endSeconds: 1200 },
    { id: 'b', cpuCapacityMhz: 600, samples: [[0, 300]], endSeconds: 1200 },
    { id: 'c', cpuCapacityMhz: 400, samples: [[0, 200]], endSeconds: 1200 },
  ]);
}

function rolloutImmutable(): GoldenScenario {
  const workload = rolloutWorkload();
  return {
    name: 'rollout-immutable',
    workload,
    dc: tinyDatacenter(GOLDEN_HOST, 3),
    settings: settings(workload, {
      power: { switchOffIdle: true },
      rollout: { mode: 'immutable', startsMs: [600_000], everyMs: null, waveSize: 2, bootMs: 30_000, overlapMs: 60_000, patchMs: 0 },
    }),
  };
}

function rolloutInPlace(): GoldenScenario {
  const workload = rolloutWorkload();
  return {
    name: 'rollout-in-place',
    workload,
    dc: tinyDatacenter(GOLDEN_HOST, 3),
    settings: settings(workload, {
      power: { switchOffIdle: true },
      rollout: { mode: 'in-place', startsMs: [600_000], everyMs: null, waveSize: 2, bootMs: 30_000, overlapMs: 0, patchMs: 60_000 },
    }),
  };
}

export const GOLDEN_SCENARIOS: (() => GoldenScenario)[] = [
  standbyUpgrade,
  rolloutImmutable,
  rolloutInPlace,
  abandonedMigration,
  sharingContention,
  elasticBurst,
  liveMigration,
  failureHaRestart,
  rollingMaintenance,
  underloadEvacuation,
  unplaceableVm,
  deferrableBacklog,
];
