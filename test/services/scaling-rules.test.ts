import { describe, expect, it } from 'vitest';
import { serviceDemand } from '../../src/services/service-demand.js';
import { parseServiceMapping } from '../../src/services/service-mapping.js';
import { horizontalInstances } from '../../src/services/horizontal-scaling.js';
import { DEFAULT_VERTICAL } from '../../src/services/scaling-rule.js';
import { servicesWorkload } from '../../src/services/services-workload.js';
import { STEP_HORIZONTAL, STEP_MAPPING, STEP_TRACE, stepInstances } from './scale-out-world.js';

/** Samples of VM `vm` as [seconds, MHz, boot pending]. */
function samplesOf(sw: ReturnType<typeof stepInstances>, vm: number): [number, number, number][] {
  const w = sw.workload;
  const out: [number, number, number][] = [];
  for (let k = w.sampleStart[vm]!; k < w.sampleStart[vm + 1]!; k++) out.push([w.sampleAtMs[k]! / 1000, Math.round(w.sampleCpuMhz[k]! * 1000) / 1000, sw.bootPending?.[k] ?? 0]);
  return out;
}

describe('horizontal scaling, by hand (the step of scale-out-world.ts)', () => {
  const demand = serviceDemand(STEP_TRACE, parseServiceMapping(STEP_MAPPING, 'web.csv', STEP_TRACE));

  it('starts two instances when the step has held its window and retires them one cooldown apart', () => {
    // See test/simulation/golden/services-scale-out.txt for the arithmetic.
    const plan = horizontalInstances(demand, 0, STEP_HORIZONTAL);
    expect(plan.boots).toBe(2);
    expect(plan.instances).toEqual([
      { arriveMs: 0, serveMs: 0, leaveMs: 3_600_000 },
      { arriveMs: 720_000, serveMs: 750_000, leaveMs: 2_220_000 },
      { arriveMs: 720_000, serveMs: 750_000, leaveMs: 1_920_000 },
    ]);
  });

  it('spreads demand over serving instances only and flags the samples taken while others boot', () => {
    const sw = stepInstances();
    expect(sw.workload.vmIds).toEqual(['web#1', 'web#2', 'web#3']);
    expect(samplesOf(sw, 0)).toEqual([
      [0, 600, 0],
      [600, 1800, 0],
      [720, 1800, 1],
      [750, 600, 0],
      [1800, 66.667, 0],
      [1920, 100, 0],
      [2220, 200, 0],
    ]);
    expect(samplesOf(sw, 1)).toEqual([
      [720, 0, 0],
      [750, 600, 0],
      [1800, 66.667, 0],
      [1920, 100, 0],
    ]);
    expect(Array.from(sw.workload.endAtMs)).toEqual([3_600_000, 2_220_000, 1_920_000]);
  });

  it('with a cooldown longer than the step adds nothing more, and never exceeds maxInstances', () => {
    const capped = horizontalInstances(demand, 0, { ...STEP_HORIZONTAL, maxInstances: 2 });
    // Wanted 3, capped at 2: one boot.
    expect(capped.boots).toBe(1);
    expect(capped.instances.length).toBe(2);
    const slow = horizontalInstances(demand, 0, { ...STEP_HORIZONTAL, windowMs: 1_300_000 });
    // 600 + 1300 = 1900 s > 1800 s: the step is over before the window is: no scale-out at all.
    expect(slow.boots).toBe(0);
    expect(slow.instances).toEqual([{ arriveMs: 0, serveMs: 0, leaveMs: 3_600_000 }]);
  });
});

describe('vertical scaling, by hand', () => {
  it('runs a fixed number of instances at their max size, each carrying an equal share', () => {
    const mapping = parseServiceMapping(STEP_MAPPING, 'web.csv', STEP_TRACE);
    const sw = servicesWorkload(STEP_TRACE, mapping, 'vertical', { horizontal: STEP_HORIZONTAL, vertical: { ...DEFAULT_VERTICAL, instances: 2 } });
    expect(sw.workload.vmIds).toEqual(['web#1', 'web#2']);
    expect(Array.from(sw.workload.cpuCapacityMhz)).toEqual([32_000, 32_000]);
    expect(Array.from(sw.workload.memoryMiB)).toEqual([524_288, 524_288]);
    expect(sw.boots).toBe(0);
    expect(sw.bootPending).toBeNull();
    // 600 / 2, 1800 / 2, 200 / 2 MHz.
    const w = sw.workload;
    expect(Array.from(w.sampleCpuMhz.subarray(w.sampleStart[1]!, w.sampleStart[2]!))).toEqual([300, 900, 100]);
  });
});
