import { placementPolicy } from '../../src/placement/registry.js';
import { ownServices, parseServiceMapping } from '../../src/services/service-mapping.js';
import { DEFAULT_VERTICAL, type HorizontalSettings } from '../../src/services/scaling-rule.js';
import { servicesWorkload, type ServicesWorkload } from '../../src/services/services-workload.js';
import { DEFAULT_ELASTIC, sharingRules } from '../../src/simulation/sharing-rules.js';
import type { SimulationSettings } from '../../src/simulation/simulate.js';
import { hostModel, tinyDatacenter, tinyWorkload } from '../helpers/tiny-world.js';
import type { GoldenScenario } from '../simulation/golden-harness.js';

/**
 * One service, "web", of two VMs a and b with the same demand (MHz): 300 each over 0-600 s,
 * 900 each over 600-1800 s, 100 each over 1800-3600 s; so the service wants 600, 1800, 200.
 */
export const STEP_TRACE = tinyWorkload([
  { id: 'a', cpuCapacityMhz: 1000, samples: [[0, 300], [600, 900], [1800, 100]], endSeconds: 3600 },
  { id: 'b', cpuCapacityMhz: 1000, samples: [[0, 300], [600, 900], [1800, 100]], endSeconds: 3600 },
]);
export const STEP_MAPPING = 'vm_id,service\na,web\nb,web\n';

/** Instances of 1000 MHz; out above 0.8, in below 0.3, held 120 s, cooldown 300 s, every 60 s; 30 s boot. */
export const STEP_HORIZONTAL: HorizontalSettings = {
  instanceMhz: 1000,
  instanceCores: 1,
  instanceMemoryMiB: 1024,
  scaleOutAbove: 0.8,
  scaleInBelow: 0.3,
  windowMs: 120_000,
  cooldownMs: 300_000,
  evaluationMs: 60_000,
  minInstances: 1,
  maxInstances: 4,
  bootMs: 30_000,
};

export function stepInstances(): ServicesWorkload {
  const mapping = parseServiceMapping(STEP_MAPPING, 'web.csv', STEP_TRACE);
  return servicesWorkload(STEP_TRACE, mapping, 'horizontal', { horizontal: STEP_HORIZONTAL, vertical: DEFAULT_VERTICAL });
}

/** 2 cores of 1000 MHz, 4 GiB, P(u) = 100 + 100 u W, no boot time. */
export const TWO_CORE_HOST = hostModel('h', 2, 1000, 4096, { kind: 'linear', idleW: 100, maxW: 200 });

export function scaleOutGolden(): GoldenScenario {
  const sw = stepInstances();
  return {
    name: 'services-scale-out',
    workload: sw.workload,
    dc: tinyDatacenter(TWO_CORE_HOST, 2),
    settings: {
      rules: sharingRules(sw.workload, 'fixed', DEFAULT_ELASTIC),
      policy: placementPolicy('first-fit'),
      initialBatchMs: 300_000,
      reportIntervalMs: 300_000,
      power: { switchOffIdle: true },
    } satisfies SimulationSettings,
  };
}

export { ownServices };
