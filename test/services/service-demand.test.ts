import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { demandAt, serviceDemand } from '../../src/services/service-demand.js';
import { ownServices, parseServiceMapping } from '../../src/services/service-mapping.js';
import { DEFAULT_HORIZONTAL, DEFAULT_VERTICAL } from '../../src/services/scaling-rule.js';
import { servicesWorkload } from '../../src/services/services-workload.js';
import type { Workload } from '../../src/traces/workload.js';
import { tinyWorkload, type TinyVm } from '../helpers/tiny-world.js';

/** The integral of every VM's demand, MHz x ms, sample by sample up to each VM's end. */
function demandIntegral(w: Workload): number {
  let total = 0;
  for (let vm = 0; vm < w.vmCount; vm++) {
    for (let k = w.sampleStart[vm]!; k < w.sampleStart[vm + 1]!; k++) {
      const to = Math.min(k + 1 < w.sampleStart[vm + 1]! ? w.sampleAtMs[k + 1]! : w.endAtMs[vm]!, w.endAtMs[vm]!);
      total += w.sampleCpuMhz[k]! * Math.max(0, to - w.sampleAtMs[k]!);
    }
  }
  return total;
}

describe('service demand', () => {
  it('merges members\' sample times and sums their demand, by hand', () => {
    // a: 100 from 0, 300 from 600, ends 1200; b: 50 from 300, ends 1500.
    const w = tinyWorkload([
      { id: 'a', cpuCapacityMhz: 1000, samples: [[0, 100], [600, 300]], endSeconds: 1200 },
      { id: 'b', cpuCapacityMhz: 1000, samples: [[300, 50]], endSeconds: 1500 },
    ]);
    const d = serviceDemand(w, parseServiceMapping('vm_id,service\na,s\nb,s\n', 'm.csv', w));
    // steps: 0 -> 100, 300 -> 150, 600 -> 350, 1200 -> 50 (a left), end 1500.
    expect(Array.from(d.stepAtMs)).toEqual([0, 300_000, 600_000, 1_200_000]);
    expect(Array.from(d.stepCpuMhz)).toEqual([100, 150, 350, 50]);
    expect(d.endAtMs[0]).toBe(1_500_000);
    expect(d.provisionedMhz[0]).toBe(2000);
    expect(demandAt(d, 0, 299_999)).toBe(100);
    expect(demandAt(d, 0, 1_499_999)).toBe(50);
    expect(demandAt(d, 0, 1_500_000)).toBe(0);
  });

  const vmArb = fc.record({
    start: fc.integer({ min: 0, max: 20 }),
    steps: fc.array(fc.record({ gap: fc.integer({ min: 1, max: 10 }), mhz: fc.integer({ min: 0, max: 3000 }) }), { minLength: 1, maxLength: 8 }),
    tail: fc.integer({ min: 1, max: 10 }),
    service: fc.integer({ min: 0, max: 2 }),
  });

  it('keeps total demand under every rule: fixed, horizontal and vertical instances carry what the VMs asked (property)', () => {
    fc.assert(
      fc.property(fc.array(vmArb, { minLength: 1, maxLength: 6 }), (vms) => {
        const tiny: TinyVm[] = vms.map((vm, i) => {
          let t = vm.start * 60;
          const samples: [number, number][] = vm.steps.map((s) => {
            const at = t;
            t += s.gap * 60;
            return [at, s.mhz];
          });
          return { id: `vm${i}`, cpuCapacityMhz: 4000, samples, endSeconds: t + vm.tail * 60 };
        });
        const w = tinyWorkload(tiny);
        const text = `vm_id,service\n${vms.map((vm, i) => `vm${i},s${vm.service}`).join('\n')}\n`;
        const mapping = parseServiceMapping(text, 'm.csv', w);
        const settings = { horizontal: { ...DEFAULT_HORIZONTAL, instanceMhz: 1000, bootMs: 30_000 }, vertical: DEFAULT_VERTICAL };
        const want = demandIntegral(w);
        for (const rule of ['fixed', 'horizontal', 'vertical'] as const) {
          const got = demandIntegral(servicesWorkload(w, mapping, rule, settings).workload);
          // Instances' shares are stored as Float32 samples, like a trace's.
          expect(Math.abs(got - want)).toBeLessThanOrEqual(1e-6 * Math.max(1, want));
        }
        const own = demandIntegral(servicesWorkload(w, ownServices(w), 'vertical', settings).workload);
        expect(Math.abs(own - want)).toBeLessThanOrEqual(1e-6 * Math.max(1, want));
      }),
      { numRuns: 60, seed: 17 },
    );
  });
});
