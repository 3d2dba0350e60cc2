import { describe, expect, it } from 'vitest';
import { selectWorkload } from '../../src/traces/workload-window.js';
import { tinyWorkload } from '../helpers/tiny-world.js';

// a: samples at 0, 600, 1200 s (100, 200, 300 MHz), ends 1800 s; b: 900..1500 s; c: 2000..2600 s.
const w = tinyWorkload([
  { id: 'a', cores: 1, cpuCapacityMhz: 1000, memoryMiB: 512, samples: [[0, 100], [600, 200], [1200, 300]], endSeconds: 1800 },
  { id: 'b', cores: 1, cpuCapacityMhz: 1000, memoryMiB: 512, samples: [[900, 50]], endSeconds: 1500 },
  { id: 'c', cores: 1, cpuCapacityMhz: 1000, memoryMiB: 512, samples: [[2000, 70]], endSeconds: 2600 },
]);

describe('selectWorkload: --vms and --from/--to', () => {
  it('the window [700 s, 1400 s): a keeps the demand of its 600 s sample from t = 0, b starts at 200 s, c is outside', () => {
    const part = selectWorkload(w, { fromMs: 700_000, toMs: 1_400_000 });
    expect(part.vmIds).toEqual(['a', 'b']);
    // a: 600 s sample moved to 700 s -> 0; 1200 s -> 500 s; end min(1800, 1400) - 700 = 700 s.
    expect(Array.from(part.sampleAtMs)).toEqual([0, 500_000, 200_000]);
    expect(Array.from(part.sampleCpuMhz)).toEqual([200, 300, 50]);
    expect(Array.from(part.sampleStart)).toEqual([0, 2, 3]);
    expect(Array.from(part.endAtMs)).toEqual([700_000, 700_000]);
  });

  it('the first n VMs, whole trace', () => {
    const part = selectWorkload(w, { firstVms: 2 });
    expect(part.vmIds).toEqual(['a', 'b']);
    expect(Array.from(part.sampleCpuMhz)).toEqual([100, 200, 300, 50]);
    expect(Array.from(part.endAtMs)).toEqual([1_800_000, 1_500_000]);
  });
});
