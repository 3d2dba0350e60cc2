import { describe, expect, it } from 'vitest';
import { summarizeRun } from '../../src/metrics/summarize-run.js';
import type { RunInputs } from '../../src/metrics/run-result.js';
import { placementPolicy } from '../../src/placement/registry.js';
import { DEFAULT_ELASTIC, sharingRules } from '../../src/simulation/sharing-rules.js';
import { simulate, type SimulationSettings } from '../../src/simulation/simulate.js';
import type { Datacenter } from '../../src/model/datacenter.js';
import type { Workload } from '../../src/traces/workload.js';
import { hostModel, hypervisor, tinyDatacenter, tinyWorkload } from '../helpers/tiny-world.js';

const linear100to200 = hostModel('h', 1, 1000, 4096, { kind: 'linear', idleW: 100, maxW: 200 });
const inputs = {} as RunInputs;

function run(workload: Workload, dc: Datacenter, overrides: Partial<SimulationSettings> = {}, mode: 'fixed' | 'elastic' = 'fixed') {
  const settings: SimulationSettings = {
    rules: sharingRules(workload, mode, DEFAULT_ELASTIC),
    policy: placementPolicy('first-fit'),
    power: { switchOffIdle: false },
    initialBatchMs: 300_000,
    reportIntervalMs: 300_000,
    ...overrides,
  };
  return summarizeRun(simulate(workload, dc, settings), inputs);
}

describe('hand-computed scenarios', () => {
  it('one VM at 50% of one host for 600 s', () => {
    // 1 host, idle 100 W, max 200 W, VM at 500 of 1000 MHz for 600 s => 150 W x 600 s = 90 000 J = 0.025 kWh
    // demand = 500 MHz x 600 s = 500 x (1/6) h = 83.333 MHz-h, all served
    const result = run(tinyWorkload([{ id: 'vm', cpuCapacityMhz: 1000, samples: [[0, 500]], endSeconds: 600 }]), tinyDatacenter(linear100to200, 1));
    expect(result.summary.energyKWh * 3.6e6).toBeCloseTo(90_000, 6);
    expect(result.summary.cpu.demandMHzHours).toBeCloseTo(500 / 6, 9);
    expect(result.summary.cpu.unmetMHzHours).toBeCloseTo(0, 9);
    expect(result.summary.cpu.utilizationMean).toBeCloseTo(0.5, 12);
    expect(result.summary.simulatedSeconds).toBe(600);
    expect(result.timeseries.powerW[0]).toBeCloseTo(150, 9);
    expect(result.timeseries.energyKWhCumulative[1]! * 3.6e6).toBeCloseTo(90_000, 6);
  });

  it('two fixed VMs overload a host and share it weighted by size', () => {
    // capacity 1000 MHz; VM a (size 1000) wants 800, VM b (size 500) wants 400: 1200 > 1000.
    // Weighted max-min: both want 0.8 of their size; level = 1000 / 1500 => a gets 666.67, b 333.33.
    // Over 300 s: unmet = 200 MHz x 300 s = 200/12 MHz-h = 16.667; host at 100% => 200 W x 300 s = 60 000 J.
    const workload = tinyWorkload([
      { id: 'a', cpuCapacityMhz: 1000, samples: [[0, 800]], endSeconds: 300 },
      { id: 'b', cpuCapacityMhz: 500, samples: [[0, 400]], endSeconds: 300 },
    ]);
    const dc = tinyDatacenter(hostModel('h', 1, 1000, 4096, { kind: 'linear', idleW: 100, maxW: 200 }), 1, hypervisor('over', { cpuOvercommit: 2 }));
    const result = run(workload, dc);
    const [a, b] = result.vms;
    expect(a!.servedMHzHours).toBeCloseTo(((1000 * 800) / 1200) / 12, 9);
    expect(b!.servedMHzHours).toBeCloseTo(((1000 * 400) / 1200) / 12, 9);
    expect(result.summary.cpu.unmetMHzHours).toBeCloseTo(200 / 12, 9);
    expect(result.summary.energyKWh * 3.6e6).toBeCloseTo(60_000, 6);
    expect(result.hosts[0]!.overloadedHours).toBeCloseTo(300 / 3600, 12);
  });

  it('elastic VMs get their guarantee, then spare capacity by weight, capped at max', () => {
    // capacity 1000; defaults: min 25%, max 150% of size, weight = size.
    // a: size 400 (min 100, max 600) wants 900 -> capped at 600; b: size 400 (min 100) wants 700 -> capped 600.
    // Guarantees 100 + 100, then 800 left shared equally (same size): 400 each => 500 and 500.
    const workload = tinyWorkload([
      { id: 'a', cpuCapacityMhz: 400, samples: [[0, 900]], endSeconds: 300 },
      { id: 'b', cpuCapacityMhz: 400, samples: [[0, 700]], endSeconds: 300 },
    ]);
    const result = run(workload, tinyDatacenter(linear100to200, 1), {}, 'elastic');
    expect(result.vms[0]!.servedMHzHours * 12).toBeCloseTo(500, 9);
    expect(result.vms[1]!.servedMHzHours * 12).toBeCloseTo(500, 9);
    expect(result.summary.cpu.demandMHzHours * 12).toBeCloseTo(1600, 9);
  });

  it('switches empty hosts off and counts a VM larger than any host as unplaced', () => {
    // 3 hosts; VM small fits on host 1 (first fit); VM huge (2000 MHz) fits nowhere.
    // Hosts 2 and 3 stay off: energy = host 1 only at 30% => 100 + 30 = 130 W x 300 s = 39 000 J.
    const workload = tinyWorkload([
      { id: 'small', cpuCapacityMhz: 1000, samples: [[0, 300]], endSeconds: 300 },
      { id: 'huge', cpuCapacityMhz: 2000, samples: [[0, 1500]], endSeconds: 300 },
    ]);
    const result = run(workload, tinyDatacenter(linear100to200, 3), { power: { switchOffIdle: true } });
    expect(result.summary.vms).toEqual({ total: 2, placed: 1, unplaced: 1 });
    expect(result.summary.unplacedReasons).toEqual({ 'larger-than-any-host-cpu': 1 });
    expect(result.summary.energyKWh * 3.6e6).toBeCloseTo(39_000, 6);
    expect(result.summary.hosts.activeMean).toBeCloseTo(1, 12);
    // The unplaced VM's demand is unmet: 1500 MHz x 300 s.
    expect(result.summary.cpu.unmetMHzHours * 12).toBeCloseTo(1500, 9);
  });
});
