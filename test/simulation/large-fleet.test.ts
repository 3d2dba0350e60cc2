import { describe, expect, it } from 'vitest';
import { loadCatalog } from '../../src/model/catalog.js';
import { buildDatacenter, uniformTopology } from '../../src/model/datacenter.js';
import { placementPolicy } from '../../src/placement/registry.js';
import { DEFAULT_ELASTIC, sharingRules } from '../../src/simulation/sharing-rules.js';
import { simulate } from '../../src/simulation/simulate.js';
import { synthesizeWorkload } from '../../src/traces/synthetic-workload.js';

describe('a fleet large enough that each time step reads its VMs ahead (kernel WARM_FROM_VMS)', () => {
  it('integrates every VM exactly as its trace says: demand = sum of cpu x interval, served = demand on roomy hosts', () => {
    // 4,500 VMs x 8 samples at 300 s, each VM at its own phase (0-299 s): ~2,400 time steps of a
    // few VMs each. 400 R740s are far more than needed, so no host ever shares: served = demand.
    const workload = synthesizeWorkload({ vms: 4500, days: 1 / 36, seed: 7 });
    const dc = buildDatacenter(uniformTopology('dell-poweredge-r740', 400, 'kvm'), loadCatalog(), 'fleet');
    const record = simulate(workload, dc, { rules: sharingRules(workload, 'fixed', DEFAULT_ELASTIC), policy: placementPolicy('first-fit'), power: { switchOffIdle: true }, initialBatchMs: 300_000, reportIntervalMs: 300_000 });
    let mismatches = 0;
    for (let vm = 0; vm < workload.vmCount; vm++) {
      let expected = 0;
      const end = workload.sampleStart[vm + 1]!;
      for (let k = workload.sampleStart[vm]!; k < end; k++) {
        const next = k + 1 < end ? workload.sampleAtMs[k + 1]! : workload.endAtMs[vm]!;
        expected += workload.sampleCpuMhz[k]! * (Math.min(next, record.durationMs) - workload.sampleAtMs[k]!);
      }
      const demand = record.vms.demandInt[vm]!;
      if (Math.abs(demand - expected) > 1e-9 * Math.max(1, expected) || record.vms.servedInt[vm] !== demand) mismatches++;
    }
    expect(workload.vmCount).toBe(4500);
    expect(mismatches).toBe(0);
  });
});
