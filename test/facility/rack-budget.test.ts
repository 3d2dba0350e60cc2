import { describe, expect, it } from 'vitest';
import { InputError } from '../../src/common/input-error.js';
import type { RunInputs } from '../../src/metrics/run-result.js';
import { summarizeRun } from '../../src/metrics/summarize-run.js';
import type { Catalog } from '../../src/model/catalog.js';
import { buildDatacenter } from '../../src/model/datacenter.js';
import { parseSpec } from '../../src/model/load-spec.js';
import { TopologySpecSchema, type TopologySpec } from '../../src/model/specs.js';
import { placementPolicy } from '../../src/placement/registry.js';
import { runVerdict } from '../../src/report/run-verdict.js';
import { DEFAULT_ELASTIC, sharingRules } from '../../src/simulation/sharing-rules.js';
import { simulate } from '../../src/simulation/simulate.js';
import { hostModel, hypervisor, tinyWorkload } from '../helpers/tiny-world.js';

// Hosts of 1000 MHz, idle 100 W, max 200 W: peak power 200 W each.
const model = hostModel('h', 1, 1000, 4096, { kind: 'linear', idleW: 100, maxW: 200 });
const hyp = hypervisor('bare');
const catalog: Catalog = { dir: 'test', hosts: new Map([['h', model]]), hypervisors: new Map([['bare', hyp]]), guests: new Map(), files: new Map() };

function topology(racks: { hosts: number; powerBudgetW?: number; slots?: number }[]): TopologySpec {
  return {
    id: 't',
    name: 't',
    hypervisor: 'bare',
    clusters: [{ id: 'c', racks: racks.map((r, i) => ({ id: `r${i + 1}`, hosts: [{ model: 'h', count: r.hosts }], ...(r.powerBudgetW ? { powerBudgetW: r.powerBudgetW } : {}), ...(r.slots ? { slots: r.slots } : {}) })) }],
  };
}

/** `vms` VMs of a whole host each (1000 MHz, using 600), for 600 s. */
function run(racks: Parameters<typeof topology>[0], vms: number, switchOffIdle: boolean) {
  const workload = tinyWorkload(Array.from({ length: vms }, (_, i) => ({ id: `vm${i + 1}`, cpuCapacityMhz: 1000, samples: [[0, 600]] as [number, number][], endSeconds: 600 })));
  const dc = buildDatacenter(topology(racks), catalog, 't.json');
  const settings = { rules: sharingRules(workload, 'fixed', DEFAULT_ELASTIC), policy: placementPolicy('first-fit'), power: { switchOffIdle }, initialBatchMs: 300_000, reportIntervalMs: 300_000 };
  return summarizeRun(simulate(workload, dc, settings), {} as RunInputs).summary;
}

describe('rack power budgets', () => {
  it('refuses to switch on a third 200 W host in a 450 W rack', () => {
    // 3 hosts in one rack of 450 W: two on = 400 W at peak; a third would be 600 W > 450 W.
    // 3 VMs of a whole host each: two placed, the third unplaced for the rack budget.
    // Energy: 2 hosts at 60% = 160 W each x 600 s = 192 000 J.
    const s = run([{ hosts: 3, powerBudgetW: 450 }], 3, true);
    expect(s.vms).toEqual({ total: 3, placed: 2, unplaced: 1 });
    expect(s.unplacedReasons).toEqual({ 'rack-power-budget': 1 });
    expect(s.energyKWh * 3.6e6).toBeCloseTo(192_000, 6);
    expect(s.racks!.rows).toEqual([{ rackId: 'r1', hosts: 3, slots: null, powerBudgetW: 450, peakPowerW: 320, peakRatedOnW: 400 }]);
    expect(s.racks!.racksOverBudget).toBe(0);
    const verdict = runVerdict(s);
    expect(verdict.warnings.some((w) => w.startsWith('unplaced: rack power budget - for 1 VMs the only hosts with room were switched off in racks at their power budget'))).toBe(true);
  });

  it('a budget that fits exactly admits the host (no refusal for rounding)', () => {
    const s = run([{ hosts: 3, powerBudgetW: 600 }], 3, true);
    expect(s.vms.unplaced).toBe(0);
    expect(s.racks!.rows[0]!.peakRatedOnW).toBe(600);
  });

  it('spreads to the next rack when one is at its budget', () => {
    // Two racks of 250 W, 2 hosts each: one host on per rack; first fit puts VM 1 in r1, VM 2 in r2, VM 3 nowhere.
    const s = run([{ hosts: 2, powerBudgetW: 250 }, { hosts: 2, powerBudgetW: 250 }], 3, true);
    expect(s.vms.placed).toBe(2);
    expect(s.racks!.rows.map((r) => r.peakRatedOnW)).toEqual([200, 200]);
  });

  it('keeps hosts off from the start when idle hosts stay on and the budget cannot hold them', () => {
    // switchOffIdle false: hosts 1 and 2 switch on at t = 0 (400 W), host 3 is held off; 2 VMs fill hosts 1-2.
    // Energy: 2 hosts at 60% = 160 W x 600 s each = 192 000 J (host 3 draws nothing).
    const s = run([{ hosts: 3, powerBudgetW: 450 }], 2, false);
    expect(s.racks!.hostsHeldOff).toBe(1);
    expect(s.vms.unplaced).toBe(0);
    expect(s.energyKWh * 3.6e6).toBeCloseTo(192_000, 6);
    expect(runVerdict(s).warnings).toContain('1 hosts were kept off from the start: their racks\' power budgets could not hold them at peak power.');
  });

  it('costs nothing when no rack has limits: no racks block, the same figures as a budget that never binds', () => {
    const free = run([{ hosts: 3 }], 3, true);
    const loose = run([{ hosts: 3, powerBudgetW: 10_000 }], 3, true);
    expect(free.racks).toBeUndefined();
    const { racks: _racks, ...rest } = loose;
    expect(rest).toEqual(free);
  });
});

describe('rack slots', () => {
  it('a rack laid out with more hosts than slots is an error naming the rack', () => {
    const spec = { ...topology([{ hosts: 6, slots: 4 }]) };
    expect(() => parseSpec(spec, TopologySpecSchema, 'racks.json')).toThrow(InputError);
    expect(() => parseSpec(spec, TopologySpecSchema, 'racks.json')).toThrow('racks.json: clusters[0].racks[0].slots: rack "r1" holds 6 hosts but has 4 slots');
  });

  it('counts repeated host groups against the slots', () => {
    const spec = topology([{ hosts: 2, slots: 5 }]);
    spec.clusters[0]!.racks[0]!.repeat = 3;
    expect(() => parseSpec(spec, TopologySpecSchema, 'racks.json')).toThrow('holds 6 hosts but has 5 slots');
    spec.clusters[0]!.racks[0]!.repeat = 2;
    expect(parseSpec(spec, TopologySpecSchema, 'racks.json').clusters[0]!.racks[0]!.slots).toBe(5);
  });
});
