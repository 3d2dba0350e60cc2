import { describe, expect, it } from 'vitest';
import { InputError } from '../../src/common/input-error.js';
import type { RunInputs, RunResult } from '../../src/metrics/run-result.js';
import { summarizeRun } from '../../src/metrics/summarize-run.js';
import { parseSpec } from '../../src/model/load-spec.js';
import { placementPolicy } from '../../src/placement/registry.js';
import { ScenarioSpecSchema } from '../../src/scenario/scenario-spec.js';
import { simulationSettingsOf } from '../../src/scenario/simulation-settings-of.js';
import { DEFAULT_ELASTIC, sharingRules } from '../../src/simulation/sharing-rules.js';
import { simulate, type SimulationSettings } from '../../src/simulation/simulate.js';
import type { RolloutOptions } from '../../src/simulation/simulation-options.js';
import type { Workload } from '../../src/traces/workload.js';
import { hostModel, tinyDatacenter, tinyWorkload } from '../helpers/tiny-world.js';

/** 1 core of 1000 MHz, 4 GiB, P(u) = 100 + 100 u W. */
const HOST = hostModel('h', 1, 1000, 4096, { kind: 'linear', idleW: 100, maxW: 200 });
const MHZ_S = 3600; // MHz-hours -> MHz x s

function run(workload: Workload, hosts: number, extra: Partial<SimulationSettings>): RunResult {
  const settings: SimulationSettings = {
    rules: sharingRules(workload, 'fixed', DEFAULT_ELASTIC),
    policy: placementPolicy('first-fit'),
    initialBatchMs: 300_000,
    reportIntervalMs: 300_000,
    ...extra,
  };
  return summarizeRun(simulate(workload, tinyDatacenter(HOST, hosts), settings), {} as RunInputs);
}

/** demand = served + every cause of unmet demand, the new ones included. */
function expectConserved(result: RunResult): void {
  const cpu = result.summary.cpu;
  const causes = Object.values(cpu.unmetCauses).reduce((a, b) => a + (b ?? 0), 0);
  expect(cpu.servedMHzHours + causes).toBeCloseTo(cpu.demandMHzHours, 6);
  const perVm = result.vms.reduce((sum, vm) => sum + vm.servedMHzHours, 0);
  expect(perVm).toBeCloseTo(cpu.servedMHzHours, 6);
}

const oneVm = () => tinyWorkload([{ id: 'vm', cpuCapacityMhz: 1000, samples: [[0, 500]], endSeconds: 3000 }]);
const twoHalfHosts = () =>
  tinyWorkload([
    { id: 'a', cpuCapacityMhz: 600, samples: [[0, 300]], endSeconds: 1200 },
    { id: 'b', cpuCapacityMhz: 600, samples: [[0, 300]], endSeconds: 1200 },
  ]);
const rollout = (over: Partial<RolloutOptions>): RolloutOptions => ({
  mode: 'immutable',
  startsMs: [600_000],
  everyMs: null,
  waveSize: 1,
  bootMs: 30_000,
  overlapMs: 60_000,
  patchMs: 60_000,
  ...over,
});
const maintenance = { startMs: 600_000, batchSize: 1, upgradeMs: 600_000, checkIntervalMs: 300_000 };

describe('standby-hypervisor upgrades against the live-migration drain', () => {
  it('a 5 s hand-over pauses a 500 MHz VM: 2500 MHz-s lost, nothing copied, 2 x 5 s out', () => {
    const s = run(oneVm(), 2, { maintenance: { ...maintenance, standby: { transitionMs: 5_000, cpuFraction: 0 } } }).summary;
    expect(s.cpu.unmetMHzHours * MHZ_S).toBeCloseTo(2500, 6);
    expect(s.cpu.unmetCauses.upgradeTransitionMHzHours! * MHZ_S).toBeCloseTo(2500, 6);
    expect(s.upgrade).toMatchObject({ mode: 'standby', hostsUpgraded: 2, migrations: 0, migratedGiB: 0, transitionSeconds: 5 });
    expect(s.upgrade!.hostHoursOut * 3600).toBeCloseTo(10, 9);
    expect(s.upgrade!.lostMHzHours! * MHZ_S).toBeCloseTo(2500, 6);
    expect(s.migrations).toBe(0);
  });

  it('a hand-over at half CPU loses half as much: 250 MHz x 5 s = 1250 MHz-s', () => {
    const result = run(oneVm(), 2, { maintenance: { ...maintenance, standby: { transitionMs: 5_000, cpuFraction: 0.5 } } });
    expect(result.summary.cpu.unmetCauses.upgradeTransitionMHzHours! * MHZ_S).toBeCloseTo(1250, 6);
    expectConserved(result);
  });

  it('the drain of the same hosts: 2 migrations of 1024 MiB, 50 MHz x 17.18 s each lost, 900 s out per host', () => {
    // Copy: 1024 MiB / (119.209 MiB/s / 2) = 17.18 s at 90% of 500 MHz; host out from closing to the upgrade's end.
    const s = run(oneVm(), 2, { maintenance }).summary;
    expect(s.upgrade).toMatchObject({ mode: 'drain', hostsUpgraded: 2, migrations: 2, transitionSeconds: null });
    expect(s.upgrade!.migratedGiB).toBeCloseTo(2, 9);
    expect(s.upgrade!.lostMHzHours! * MHZ_S).toBeCloseTo(1718, 6);
    expect(s.upgrade!.hostHoursOut * 3600).toBeCloseTo(1800, 9);
    expect(s.cpu.unmetCauses.upgradeTransitionMHzHours).toBeUndefined();
  });
});

describe('rollouts: immutable replacement against in-place patching', () => {
  it('a 60 s patch of one 500 MHz VM loses exactly 30 000 MHz-s and switches nothing on', () => {
    const result = run(oneVm(), 2, { rollout: rollout({ mode: 'in-place' }) });
    const s = result.summary;
    expect(s.cpu.unmetCauses.rolloutMHzHours! * MHZ_S).toBeCloseTo(30_000, 6);
    expect(s.rollout).toMatchObject({ mode: 'in-place', replaced: 1, waves: 1, peakSurgeHosts: 0 });
    expect(s.rollout!.instanceDownHours * 3600).toBeCloseTo(60, 9);
    expectConserved(result);
  });

  it('2 full hosts, 2 VMs, waves of 1: no room for a new instance, so each boots in place (2 x 300 MHz x 30 s)', () => {
    // a on r-0001, b on r-0002, 600 of 1000 MHz reserved each: a 600 MHz replacement fits nowhere.
    const result = run(twoHalfHosts(), 2, { power: { switchOffIdle: true }, rollout: rollout({}) });
    const s = result.summary;
    expect(s.rollout).toMatchObject({ replaced: 0, replacedInPlace: 2, peakSurgeHosts: 0, waves: 2 });
    expect(s.cpu.unmetCauses.rolloutMHzHours! * MHZ_S).toBeCloseTo(18_000, 6);
    expectConserved(result);
  });

  it('the same with a third host that is off: one surge host per wave, no demand lost', () => {
    // Wave 1: a's new instance -> r-0003 (switched on); at 690 s a moves, r-0001 empties and goes off.
    // Wave 2: b's new instance -> r-0001 (first fit, switched on again). Peak surge: 1 host.
    const result = run(twoHalfHosts(), 3, { power: { switchOffIdle: true }, rollout: rollout({}) });
    const s = result.summary;
    expect(s.rollout).toMatchObject({ replaced: 2, replacedInPlace: 0, peakSurgeHosts: 1, waves: 2 });
    expect(s.cpu.unmetMHzHours).toBeCloseTo(0, 9);
    expect(s.cpu.unmetCauses.rolloutMHzHours).toBe(0);
    expect(s.hosts.activePeak).toBe(3);
    expect(result.vms.map((vm) => vm.hostId)).toEqual(['r-0003', 'r-0001']);
    expectConserved(result);
  });

  it('a schedule repeats until the end of the run: every 2 h from 600 s in 6000 s is one rollout, every 20 min in 3000 s two', () => {
    const s = run(oneVm(), 2, { durationMs: 6_000_000, rollout: rollout({ mode: 'in-place', everyMs: 7_200_000 }) }).summary;
    expect(s.rollout!.rollouts).toBe(1);
    const twice = run(oneVm(), 2, { rollout: rollout({ mode: 'in-place', everyMs: 1_200_000 }) }).summary;
    // 600 s, 1800 s; 3000 s is the end of the run. 2 patches x 500 MHz x 60 s.
    expect(twice.rollout!.rollouts).toBe(2);
    expect(twice.rollout!.lostMHzHours * MHZ_S).toBeCloseTo(60_000, 6);
  });
});

describe('rollout and standby spec fields', () => {
  const base = { name: 's', trace: { path: 't.csv' }, topology: 'topo.json' };
  const fails = (extra: object, field: RegExp) => {
    let error: unknown;
    try {
      parseSpec({ ...base, ...extra }, ScenarioSpecSchema, 'x.json');
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(InputError);
    expect((error as Error).message).toMatch(field);
  };

  it('names the field of a bad rollout or standby block', () => {
    fails({ rollout: { mode: 'immutable' } }, /rollout\.everyDays.*exactly one of everyDays and atSeconds/);
    fails({ rollout: { mode: 'immutable', everyDays: 7, atSeconds: [1] } }, /rollout\.everyDays/);
    fails({ rollout: { mode: 'rolling', everyDays: 7 } }, /rollout\.mode/);
    fails({ maintenance: { transitionSeconds: 5 } }, /maintenance\.transitionSeconds.*only with mode "standby"/);
  });

  it('turns seconds and days into the simulation options; the boot time comes from the guest', () => {
    const spec = parseSpec({ ...base, rollout: { mode: 'immutable', everyDays: 7, waveSize: 5 }, maintenance: { mode: 'standby' } }, ScenarioSpecSchema, 'x.json');
    const workload = oneVm();
    const options = simulationSettingsOf(spec, { rules: sharingRules(workload, 'fixed', DEFAULT_ELASTIC), policy: placementPolicy('first-fit'), rolloutGuestBootSeconds: 30 });
    expect(options.rollout).toEqual({ mode: 'immutable', startsMs: [604_800_000], everyMs: 604_800_000, waveSize: 5, bootMs: 30_000, overlapMs: 60_000, patchMs: 300_000 });
    expect(options.maintenance?.standby).toEqual({ transitionMs: 5_000, cpuFraction: 0 });
  });
});

describe('rollout and upgrade in the report and the verdict', () => {
  it('the section states the surge, the in-place boots and the loss; the verdict warns about them', async () => {
    const { renderRunReport } = await import('../../src/report/run-report.js');
    const { runVerdict } = await import('../../src/report/run-verdict.js');
    const result = run(twoHalfHosts(), 2, { power: { switchOffIdle: true }, rollout: rollout({}) });
    const inputs: RunInputs = {
      rackplanVersion: 't',
      seed: 1,
      scenarioName: 'r',
      trace: { path: 't.csv', format: 'test', vms: 2, samples: 2 },
      topology: 'tiny',
      placement: 'first-fit',
      sharing: 'fixed',
      model: 'rackplan',
      files: [],
      scenario: null,
    };
    const html = renderRunReport({ ...result, inputs });
    // 2 in-place boots x 300 MHz x 30 s = 18 000 MHz-s = 5.0 MHz-h.
    expect(html).toContain('replaced 0 instances; 2 had no room for a new instance and booted in place');
    expect(html).toContain('5.0 MHz·h of demand was lost while instances were down');
    expect(runVerdict(result.summary).warnings.join(' ')).toContain('2 rollout replacements found no host with room');
    const standby = run(oneVm(), 2, { durationMs: 602_000, maintenance: { ...maintenance, standby: { transitionMs: 5_000, cpuFraction: 0 } } });
    expect(runVerdict(standby.summary).warnings.join(' ')).toContain('only 0 of 2 hosts were upgraded by the end of the run');
  });
});
