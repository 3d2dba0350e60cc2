import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { PlacementRequest, PlacementView } from '../../src/placement/placement-view.js';
import {
  alignmentScore,
  DEFAULT_FILTERS,
  firstFailingDefault,
  leastPowerIncreaseScore,
  leastRemainingScore,
  mostRemainingScore,
  startsWithDefaultFilters,
  usageFilter,
} from '../../src/placement/plugins.js';

/**
 * Placement tests the default filters inline and scores built-in scorers a batch at a time;
 * both must give exactly what the plug-in interface gives, host by host, or placements change.
 */
const HOSTS = 6;
const amount = fc.oneof(fc.constant(0), fc.constant(1000), fc.double({ min: 0, max: 2000, noNaN: true }));
const hostArrays = fc.record({
  available: fc.array(fc.constantFrom(0, 1, 2), { minLength: HOSTS, maxLength: HOSTS }),
  cpuLimit: fc.array(fc.double({ min: 1, max: 2000, noNaN: true }), { minLength: HOSTS, maxLength: HOSTS }),
  cpuReserved: fc.array(amount, { minLength: HOSTS, maxLength: HOSTS }),
  memoryLimit: fc.array(fc.double({ min: 1, max: 2000, noNaN: true }), { minLength: HOSTS, maxLength: HOSTS }),
  memoryReserved: fc.array(amount, { minLength: HOSTS, maxLength: HOSTS }),
  overhead: fc.array(fc.constantFrom(0, 64, 200), { minLength: HOSTS, maxLength: HOSTS }),
  gpuLimit: fc.array(fc.constantFrom(0, 1, 8), { minLength: HOSTS, maxLength: HOSTS }),
  gpusReserved: fc.array(fc.constantFrom(0, 1, 8), { minLength: HOSTS, maxLength: HOSTS }),
  used: fc.array(amount, { minLength: HOSTS, maxLength: HOSTS }),
  on: fc.array(fc.constantFrom(0, 1), { minLength: HOSTS, maxLength: HOSTS }),
});
const requests = fc.record({ cpuMhz: amount, memoryMiB: amount, gpus: fc.constantFrom(0, 1, 2, 8), expectedCpuMhz: amount });

function viewOf(a: Record<string, number[]>): PlacementView {
  return {
    hostCount: HOSTS,
    available: Uint8Array.from(a.available!),
    cpuLimitMhz: Float64Array.from(a.cpuLimit!),
    cpuReservedMhz: Float64Array.from(a.cpuReserved!),
    memoryLimitMiB: Float64Array.from(a.memoryLimit!),
    memoryReservedMiB: Float64Array.from(a.memoryReserved!),
    memoryOverheadMiB: Float64Array.from(a.overhead!),
    gpuLimit: Float64Array.from(a.gpuLimit!),
    gpusReserved: Float64Array.from(a.gpusReserved!),
    cpuCapacityMhz: Float64Array.from(a.cpuLimit!),
    cpuUsedMhz: Float64Array.from(a.used!),
    poweredOn: Uint8Array.from(a.on!),
    powerAt: (host, u) => 100 + host + 150 * u * u,
  };
}

describe('placement fast path', () => {
  it('the inline screen fails a host at the same default filter as the plug-ins do', () => {
    fc.assert(
      fc.property(hostArrays, requests, (arrays, request: PlacementRequest) => {
        const view = viewOf(arrays);
        for (let host = 0; host < HOSTS; host++) {
          const byPlugins = DEFAULT_FILTERS.findIndex((filter) => !filter.passes(view, host, request));
          expect(firstFailingDefault(view, host, request)).toBe(byPlugins);
        }
      }),
      { numRuns: 500 },
    );
  });

  it('each built-in scorer scores a batch exactly as host by host', () => {
    const scorers = [leastRemainingScore, mostRemainingScore, alignmentScore, leastPowerIncreaseScore];
    fc.assert(
      fc.property(hostArrays, requests, fc.uniqueArray(fc.integer({ min: 0, max: HOSTS - 1 }), { minLength: 1, maxLength: HOSTS }), (arrays, request, hosts) => {
        const view = viewOf(arrays);
        const batch = Int32Array.from(hosts);
        for (const scorer of scorers) {
          const out = new Float64Array(HOSTS).fill(Number.NaN);
          scorer.scoreHosts!(view, batch, batch.length, request, out);
          // Object.is: the same bits, -0 and NaN included.
          hosts.forEach((host, i) => expect(Object.is(out[i], scorer.score(view, host, request))).toBe(true));
          // Nothing past `count` is written.
          for (let i = batch.length; i < HOSTS; i++) expect(out[i]).toBeNaN();
        }
      }),
      { numRuns: 300 },
    );
  });

  it('only filter lists that begin with the four defaults, in order, take the inline screen', () => {
    expect(startsWithDefaultFilters(DEFAULT_FILTERS)).toBe(true);
    expect(startsWithDefaultFilters([...DEFAULT_FILTERS, usageFilter])).toBe(true);
    expect(startsWithDefaultFilters([usageFilter, ...DEFAULT_FILTERS])).toBe(false);
    expect(startsWithDefaultFilters([DEFAULT_FILTERS[1]!, DEFAULT_FILTERS[0]!, DEFAULT_FILTERS[2]!, DEFAULT_FILTERS[3]!])).toBe(false);
    expect(startsWithDefaultFilters(DEFAULT_FILTERS.slice(0, 3))).toBe(false);
  });
});
