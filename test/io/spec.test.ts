import { describe, expect, it } from 'vitest';
import { HypervisorSpecSchema } from '../../src/model/specs.js';
import { ioSettingsFrom } from '../../src/scheduling/io-sharing.js';
import { ScenarioSpecSchema } from '../../src/scenario/scenario-spec.js';

const base = { name: 'io', trace: { path: 't.csv' }, topology: 'topo.json' };

function issues(io: unknown): string[] {
  const parsed = ScenarioSpecSchema.safeParse({ ...base, io });
  return parsed.success ? [] : parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
}

describe('the scenario io section', () => {
  it('defaults to max-min fair sharing when absent or empty', () => {
    const spec = ScenarioSpecSchema.parse(base);
    expect(spec.io).toBeUndefined();
    expect(ioSettingsFrom(spec.io)).toEqual({
      disk: { mode: 'fair', weight: 'equal', minMBps: 0, maxMBps: Infinity },
      network: { mode: 'fair', weight: 'equal', minMBps: 0, maxMBps: Infinity },
    });
  });

  it('reads elastic limits in their units: disk MB/s, network Gbit/s (x 125 MB/s)', () => {
    const spec = ScenarioSpecSchema.parse({ ...base, io: { disk: { mode: 'elastic', minMBps: 20, maxMBps: 200, weight: 'size' }, network: { mode: 'elastic', minGbps: 0.1, maxGbps: 2 } } });
    const settings = ioSettingsFrom(spec.io);
    expect(settings.disk).toEqual({ mode: 'elastic', weight: 'size', minMBps: 20, maxMBps: 200 });
    expect(settings.network.minMBps).toBeCloseTo(12.5, 12);
    expect(settings.network.maxMBps).toBe(250);
  });

  it('refuses limits without elastic, min above max, unknown fields and modes', () => {
    expect(issues({ disk: { minMBps: 5 } })).toEqual(['io.disk.minMBps: applies only with mode "elastic"']);
    expect(issues({ network: { mode: 'elastic', minGbps: 3, maxGbps: 1 } })).toEqual(['io.network.minGbps: must not exceed maxGbps']);
    expect(issues({ disk: { mode: 'elastic', minGbps: 1 } })[0]).toMatch(/minGbps/);
    expect(issues({ disk: { mode: 'burst' } })[0]).toMatch(/^io\.disk\.mode: /);
    expect(issues({ gpu: {} })[0]).toMatch(/gpu/);
  });

  it('hypervisors may add I/O overhead, below 1', () => {
    const hyp = { id: 'h', name: 'h', cpuOverheadFraction: 0, memoryOverheadMiB: 0, cpuOvercommit: 1, memoryOvercommit: 1, source: 't' };
    expect(HypervisorSpecSchema.parse({ ...hyp, diskOverheadFraction: 0.05 }).diskOverheadFraction).toBe(0.05);
    expect(HypervisorSpecSchema.safeParse({ ...hyp, networkOverheadFraction: 1 }).success).toBe(false);
  });
});
