import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { RandomStream } from '../../src/engine/random.js';
import { ConsolidationPlanner } from '../../src/migration/consolidation-planner.js';
import { overloadDetector } from '../../src/migration/detector-registry.js';
import { vmSelector } from '../../src/migration/selector-registry.js';
import { placementPolicy } from '../../src/placement/registry.js';
import { parseServiceMapping } from '../../src/services/service-mapping.js';
import { DEFAULT_VERTICAL } from '../../src/services/scaling-rule.js';
import { servicesWorkload } from '../../src/services/services-workload.js';
import { referenceCheck } from '../../src/simulation/reference-check.js';
import { sharingRules } from '../../src/simulation/sharing-rules.js';
import { simulate } from '../../src/simulation/simulate.js';
import { verticalElastic } from '../../src/scenario/services-settings.js';
import { tinyDatacenter, tinyWorkload } from '../helpers/tiny-world.js';
import { STEP_HORIZONTAL, TWO_CORE_HOST } from './scale-out-world.js';

/** Up to 5 VMs in up to 2 services, 1-minute steps of random demand, over at most an hour. */
const worldArb = fc.record({
  vms: fc.array(
    fc.record({
      start: fc.integer({ min: 0, max: 10 }),
      mhz: fc.array(fc.integer({ min: 0, max: 2500 }), { minLength: 1, maxLength: 30 }),
      service: fc.integer({ min: 0, max: 1 }),
    }),
    { minLength: 1, maxLength: 5 },
  ),
  hosts: fc.integer({ min: 1, max: 3 }),
  rule: fc.constantFrom('horizontal' as const, 'vertical' as const),
  consolidate: fc.boolean(),
});

/**
 * The services' instances arrive, boot, share and leave like any VM: the simulation's
 * incremental state stays equal to a recomputation from scratch after every step (the slow
 * reference), and the run's demand is the trace's, on generated services under both rules.
 */
describe('services instances against the slow reference', () => {
  it('keep every incremental share, power and integral exact, and carry the trace\'s demand (property)', () => {
    fc.assert(
      fc.property(worldArb, (world) => {
        const trace = tinyWorkload(
          world.vms.map((vm, i) => ({
            id: `v${i}`,
            cpuCapacityMhz: 2500,
            samples: vm.mhz.map((mhz, k) => [(vm.start + k) * 60, mhz] as [number, number]),
            endSeconds: (vm.start + vm.mhz.length) * 60,
          })),
        );
        const mapping = parseServiceMapping(`vm_id,service\n${world.vms.map((vm, i) => `v${i},s${vm.service}`).join('\n')}\n`, 'm.csv', trace);
        const vertical = { ...DEFAULT_VERTICAL, minMhz: 100, maxMhz: 2000, minMemoryMiB: 256, maxMemoryMiB: 1024 };
        const sw = servicesWorkload(trace, mapping, world.rule, { horizontal: { ...STEP_HORIZONTAL, windowMs: 60_000, cooldownMs: 120_000 }, vertical });
        const rules = world.rule === 'vertical' ? sharingRules(sw.workload, 'elastic', verticalElastic(vertical)) : sharingRules(sw.workload, 'fixed', verticalElastic(vertical));
        const consolidation = world.consolidate
          ? { intervalMs: 300_000, planner: new ConsolidationPlanner(overloadDetector('thr'), vmSelector('mmt'), { detectorSafety: 0.8, fallbackThreshold: 0.8, underload: false }, new RandomStream(1).fork('vm-selection')), historyLength: 30 }
          : null;
        const record = simulate(
          sw.workload,
          tinyDatacenter(TWO_CORE_HOST, world.hosts),
          { rules, policy: placementPolicy('first-fit'), initialBatchMs: 300_000, reportIntervalMs: 300_000, power: { switchOffIdle: true }, consolidation },
          { observe: referenceCheck },
        );
        const m = record.meter;
        let vmDemand = 0;
        let vmServed = 0;
        for (let vm = 0; vm < sw.workload.vmCount; vm++) {
          vmDemand += record.vms.demandInt[vm]!;
          vmServed += record.vms.servedInt[vm]!;
        }
        // The trace's demand, each 1-minute step at its MHz: the instances carry all of it.
        const traceDemand = world.vms.reduce((sum, vm) => sum + vm.mhz.reduce((a, mhz) => a + mhz * 60_000, 0), 0);
        expect(Math.abs(m.demandInt - traceDemand)).toBeLessThanOrEqual(1e-6 * Math.max(1, traceDemand));
        expect(Math.abs(vmDemand - m.demandInt)).toBeLessThanOrEqual(1e-6 * Math.max(1, m.demandInt));
        expect(vmServed).toBeLessThanOrEqual(vmDemand * (1 + 1e-9) + 1e-6);
      }),
      { numRuns: 40, seed: 17 },
    );
  });
});
