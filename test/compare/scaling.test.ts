import { describe, expect, it } from 'vitest';
import { loadComparePlan } from '../../src/compare/compare-plan.js';
import type { CompareScenario } from '../../src/compare/compare-result.js';
import { spanningProbe } from '../../src/compare/instance-spanning.js';
import { runCompare } from '../../src/compare/run-compare.js';
import { InputError } from '../../src/common/input-error.js';
import { loadCatalog } from '../../src/model/catalog.js';
import { placementPolicy } from '../../src/placement/registry.js';
import { parseServiceMapping } from '../../src/services/service-mapping.js';
import { DEFAULT_VERTICAL } from '../../src/services/scaling-rule.js';
import { servicesWorkload } from '../../src/services/services-workload.js';
import { sharingRules } from '../../src/simulation/sharing-rules.js';
import { simulate } from '../../src/simulation/simulate.js';
import { tinyDatacenter, tinyWorkload } from '../helpers/tiny-world.js';
import { STEP_HORIZONTAL, STEP_MAPPING, STEP_TRACE, TWO_CORE_HOST } from '../services/scale-out-world.js';

const catalog = loadCatalog();

function scalingCompare(mapping: string | null, horizontal = STEP_HORIZONTAL) {
  const plan = loadComparePlan(null, { trace: 'step.csv', scenarios: ['physical'], scaling: ['fixed', 'horizontal', 'vertical'] }, catalog);
  // A mapping as if read from a file, and the hand-computed step's scale-out settings.
  plan.services = { ...plan.services!, mappingFile: mapping === null ? null : 'web.csv', mappingText: mapping, horizontal };
  const result = runCompare(plan, STEP_TRACE, catalog);
  return Object.fromEntries(result.scenarios.map((s) => [s.id, s])) as Record<string, CompareScenario>;
}

describe('compare --scaling on the hand-computed step', () => {
  const byId = scalingCompare(STEP_MAPPING);

  it('runs one scenario per rule after the others, on the pool', () => {
    expect(Object.keys(byId)).toEqual(['physical', 'services-fixed', 'services-horizontal', 'services-vertical']);
    expect(byId['services-fixed']!.scaling).toMatchObject({ rule: 'fixed', services: 1, vms: 2, instanceBoots: 0, lostWhileBootingMHzHours: 0, spanning: null });
    expect(byId['services-vertical']!.scaling).toMatchObject({ rule: 'vertical', services: 1, vms: 2, instanceBoots: 0 });
    expect(byId['services-vertical']!.policy).toBe('thr-mmt-0.8');
    expect(byId.physical!.scaling).toBeUndefined();
  });

  it('counts the boots and the demand lost while booting by hand (see services-scale-out.txt)', () => {
    const h = byId['services-horizontal']!;
    expect(h.scaling!.instanceBoots).toBe(2);
    expect(h.scaling!.vms).toBe(3);
    // 800 MHz x 30 s while web#2 and web#3 boot; 800 MHz x 120 s before the window elapsed.
    expect(h.scaling!.lostWhileBootingMHzHours).toBeCloseTo(24_000 / 3600, 9);
    expect(h.unmetCauses.lostWhileBootingMHzHours).toBeCloseTo(24_000 / 3600, 9);
    expect(h.unmetCauses.aboveSizeMHzHours).toBeCloseTo(96_000 / 3600, 9);
    expect(h.unmetMHzHours).toBeCloseTo(120_000 / 3600, 9);
    // Fixed: the trace's 1000 MHz VMs each want at most 900: nothing unmet.
    expect(byId['services-fixed']!.unmetMHzHours).toBe(0);
  });

  it('conserves demand under every rule: the same demand, and unmet = the sum of its causes', () => {
    // 600 x 600 + 1800 x 1200 + 200 x 1800 = 2 880 000 MHz-s = 800 MHz-h.
    for (const id of ['physical', 'services-fixed', 'services-horizontal', 'services-vertical']) {
      const s = byId[id]!;
      expect(s.demandMHzHours, id).toBeCloseTo(800, 6);
      const c = s.unmetCauses;
      const sum = c.unplacedMHzHours + c.aboveSizeMHzHours + c.contentionMHzHours + c.migrationMHzHours + c.waitingMHzHours + c.hostDownMHzHours + (c.lostWhileBootingMHzHours ?? 0);
      expect(sum, id).toBeCloseTo(s.unmetMHzHours, 9);
    }
  });

  it('says in words how the controller decides and that spanning is assumed', () => {
    expect(byId['services-horizontal']!.scaling!.notes.join(' ')).toContain("reads each service's offered demand every 60 s");
    expect(byId['services-fixed']!.scaling!.notes[0]).toBe('1 service from web.csv.');
  });

  it('without a mapping treats each VM as its own service', () => {
    const own = scalingCompare(null);
    expect(own['services-vertical']!.scaling).toMatchObject({ services: 2, vms: 4 });
    expect(own['services-fixed']!.scaling!.notes[0]).toBe('No service mapping: each of the 2 VMs is its own service.');
  });

  it('refuses an unknown rule, a rule twice, and a mapping without the axis, naming the flag', () => {
    const plan = (overrides: Parameters<typeof loadComparePlan>[1]) => () => loadComparePlan(null, { trace: 'x.csv', ...overrides }, catalog);
    expect(plan({ scaling: ['diagonal'] })).toThrow(new InputError('unknown scaling rule "diagonal"; valid: fixed, horizontal, vertical', { field: '--scaling' }));
    expect(plan({ scaling: ['fixed', 'fixed'] })).toThrow('--scaling: scaling rule "fixed" is given twice');
    expect(plan({ services: 'm.csv' })).toThrow('--services: a service mapping is used only with --scaling');
  });
});

describe('spanning estimate, by hand', () => {
  // Service web = a + b, 1500 MHz each for 600 s: two vertical instances (min 100, max 2000
  // MHz; memory 512..2048 MiB) carry 1500 each. Both reserve 100 MHz: first fit puts both on
  // r-0001 (2000 MHz), 1000 MHz short; r-0002 stays on, idle, 2000 MHz spare.
  function spannedRun(settings: { efficiency: number; hostsPerRack: number }) {
    const trace = tinyWorkload([
      { id: 'a', cpuCapacityMhz: 2000, samples: [[0, 1500]], endSeconds: 600 },
      { id: 'b', cpuCapacityMhz: 2000, samples: [[0, 1500]], endSeconds: 600 },
    ]);
    const vertical = { ...DEFAULT_VERTICAL, instances: 2, minMhz: 100, maxMhz: 2000, minMemoryMiB: 512, maxMemoryMiB: 2048 };
    const sw = servicesWorkload(trace, parseServiceMapping(STEP_MAPPING, 'web.csv', trace), 'vertical', { horizontal: STEP_HORIZONTAL, vertical });
    const rules = sharingRules(sw.workload, 'elastic', { minFraction: 0.05, maxFraction: 1, burstWeight: 'equal', memoryMinFraction: 0.25, memoryMaxFraction: 1 });
    const probe = spanningProbe(settings);
    const record = simulate(
      sw.workload,
      tinyDatacenter(TWO_CORE_HOST, 2),
      { rules, policy: placementPolicy('first-fit'), initialBatchMs: 300_000, reportIntervalMs: 300_000 },
      { observe: probe.observe },
    );
    return { estimate: probe.estimate(), record };
  }

  it("lends a short host's instances the rack's spare CPU at the efficiency", () => {
    // Efficiency 0.4: 1000 / 0.4 = 2500 MHz wanted, 2000 spare: 2000 remote serve 800 MHz.
    const { estimate: e, record } = spannedRun({ efficiency: 0.4, hostsPerRack: 2 });
    expect(record.meter.demandInt - record.meter.servedInt).toBeCloseTo(1000 * 600_000, 3);
    expect(e.instanceHours).toBeCloseTo((2 * 600) / 3600, 9);
    expect(e.spanningInstanceHours).toBeCloseTo((2 * 600) / 3600, 9);
    expect(e.peakRemoteShare).toBe(0.5);
    expect(e.remoteMHzHours).toBeCloseTo((2000 * 600) / 3600, 6);
    expect(e.recoveredMHzHours).toBeCloseTo((800 * 600) / 3600, 6);
    expect(e.contentionMHzHours).toBeCloseTo((1000 * 600) / 3600, 6);
  });

  it('recovers the whole shortfall when the spare suffices, and nothing with one-host racks', () => {
    // Efficiency 0.5: 2000 remote serve the whole 1000 MHz shortfall.
    expect(spannedRun({ efficiency: 0.5, hostsPerRack: 2 }).estimate.recoveredMHzHours).toBeCloseTo((1000 * 600) / 3600, 6);
    expect(spannedRun({ efficiency: 0.5, hostsPerRack: 1 }).estimate).toMatchObject({ spanningInstanceHours: 0, recoveredMHzHours: 0 });
  });
});
