import { describe, expect, it } from 'vitest';
import { CloudsimDetector, unweightedPrediction } from '../../src/migration/cloudsim/cloudsim-detectors.js';
import { CloudsimPlanner, type CloudsimPlannerSettings } from '../../src/migration/cloudsim/cloudsim-planner.js';
import type { CloudsimView } from '../../src/migration/cloudsim/cloudsim-view.js';
import { ALL_CLOUDSIM_SWITCHES_ON, type CloudsimSwitches } from '../../src/model/cloudsim-compat.js';

interface FakeHost {
  mips: number;
  util: number;
}
interface FakeVm {
  host: number;
  requested: number;
  mips?: number;
  ram?: number;
}

/** A CloudSim view over hand-made hosts and VMs; every VM's history is its request, 30 rounds long. */
function view(hosts: FakeHost[], vms: FakeVm[], curve: number[]): CloudsimView {
  const power = Float64Array.from(curve);
  return {
    hostCount: hosts.length,
    hostMips: Float64Array.from(hosts, (h) => h.mips),
    hostPeMips: Float64Array.from(hosts, (h) => h.mips),
    hostClass: Int32Array.from(hosts, (h) => h.mips),
    hostUtilization: Float64Array.from(hosts, (h) => h.util),
    powerCurve: () => power,
    vmsOn: (host, out) => {
      let count = 0;
      vms.forEach((vm, index) => {
        if (vm.host === host) out[count++] = index;
      });
      return count;
    },
    vmCount: vms.length,
    vmRequestedMips: Float64Array.from(vms, (vm) => vm.requested),
    vmMips: Float64Array.from(vms, (vm) => vm.mips ?? 2000),
    vmRamMb: Float64Array.from(vms, (vm) => vm.ram ?? 1000),
    vmMigrating: new Uint8Array(vms.length),
    vmHistory: (vm, out) => {
      out.fill(vms[vm]!.requested, 0, 30);
      return 30;
    },
    historyLength: 30,
    migrationSeconds: (ram) => ram / 62.5,
    intervalSeconds: 300,
  };
}

function planner(name: CloudsimPlannerSettings['name'], safety: number, off: Partial<CloudsimSwitches> = {}, selection: CloudsimPlannerSettings['selection'] = 'mmt') {
  return new CloudsimPlanner({ ...ALL_CLOUDSIM_SWITCHES_ON, ...off, name, safety, fallbackThreshold: 0.7, selection });
}

/** Flat at first, steep near full load: waking an empty host looks cheap when its idle power is not counted. */
const CONVEX = [100, 101, 102, 103, 104, 105, 110, 120, 140, 170, 200];
/** 0 W idle, linear: every host's power rises by the same amount, so the first host in order wins. */
const LINEAR_FROM_ZERO = [0, 10, 20, 30, 40, 50, 60, 70, 80, 90, 100];

describe('CloudSim planner: overload-pass destinations (switch overloadDestinations)', () => {
  // Host 0: a (900) + b (900) on 2000 MIPS = 0.9 > 0.8; mmt takes b (RAM 500 < 1000); 0.45 left.
  // b (900) to host 1 (util 0.3): P(0.75) - P(0.3) = 130 - 103 = 27 W;
  //          to host 2 (off):     P(0.45) - P(0) = 104.5 - 100 = 4.5 W (CloudSim), 104.5 W counting idle.
  const hosts = [{ mips: 2000, util: 0.9 }, { mips: 2000, util: 0.3 }, { mips: 2000, util: 0 }];
  const vms = [{ host: 0, requested: 900, ram: 1000 }, { host: 0, requested: 900, ram: 500 }, { host: 1, requested: 600 }];

  it('wakes the switched-off host, charged P(after) - P(0)', () => {
    expect(planner('thr', 0.8, { underloadPass: false }).plan(view(hosts, vms, CONVEX))[0]).toEqual({ vm: 1, to: 2 });
  });

  it('with the switch off, counts the woken host idle power and picks the switched-on host', () => {
    expect(planner('thr', 0.8, { underloadPass: false, overloadDestinations: false }).plan(view(hosts, vms, CONVEX))[0]).toEqual({ vm: 1, to: 1 });
  });

  it('skips the overload check for an empty host only with the switch on', () => {
    // b requests 1700 of an empty 2000-MIPS host: 0.85 > 0.8, yet CloudSim never asks.
    const big = [{ host: 0, requested: 900, ram: 1000 }, { host: 0, requested: 1700, ram: 500 }];
    const two = [{ mips: 2000, util: 1 }, { mips: 2000, util: 0 }];
    expect(planner('thr', 0.8).plan(view(two, big, CONVEX))).toEqual([{ vm: 1, to: 1 }]);
    expect(planner('thr', 0.8, { overloadDestinations: false }).plan(view(two, big, CONVEX))).toEqual([]);
  });
});

describe('CloudSim planner: underload pass (switch underloadPass)', () => {
  // Host 0 overloaded (0.9): b (900) goes to host 1, the first of equally cheap hosts.
  // CloudSim: host 1 (utilization 0.1 before the move) is then the least utilized; its VMs,
  // b (just arrived) and c, both fit on host 2: b is moved twice in the round.
  // rackplan: host 1 received a VM this round and is protected; host 2 (0.15) goes to host 1.
  const hosts = [{ mips: 2000, util: 0.9 }, { mips: 2000, util: 0.1 }, { mips: 2000, util: 0.15 }, { mips: 2000, util: 0 }];
  const vms = [{ host: 0, requested: 900, ram: 1000 }, { host: 0, requested: 900, ram: 500 }, { host: 1, requested: 200 }, { host: 2, requested: 300 }];

  it('evacuates this round overload destination too, moving its new VM again', () => {
    expect(planner('thr', 0.8).plan(view(hosts, vms, LINEAR_FROM_ZERO))).toEqual([
      { vm: 1, to: 1 },
      { vm: 1, to: 2 },
      { vm: 2, to: 2 },
    ]);
  });

  it('with the switch off, protects overload destinations', () => {
    expect(planner('thr', 0.8, { underloadPass: false }).plan(view(hosts, vms, LINEAR_FROM_ZERO))).toEqual([
      { vm: 1, to: 1 },
      { vm: 3, to: 1 },
    ]);
  });
});

describe('CloudSim planner: mu ranks by utilization fraction (switch muByFraction)', () => {
  // 4000 MIPS host at 3600 requested = 0.9: a 600 of 1000 (60%), b 1000 of 2500 (40%), c 2000 of 2500 (80%).
  const hosts = [{ mips: 4000, util: 0.9 }, { mips: 4000, util: 0 }];
  const vms = [{ host: 0, requested: 600, mips: 1000 }, { host: 0, requested: 1000, mips: 2500 }, { host: 0, requested: 2000, mips: 2500 }];

  it('moves the VM with the lowest fraction (b), or with the switch off the fewest MHz (a)', () => {
    expect(planner('thr', 0.8, {}, 'mu').plan(view(hosts, vms, CONVEX))[0]!.vm).toBe(1);
    expect(planner('thr', 0.8, { muByFraction: false }, 'mu').plan(view(hosts, vms, CONVEX))[0]!.vm).toBe(0);
  });
});

describe('CloudSim detectors', () => {
  const settings = { safety: 1.5, fallbackThreshold: 0.7, unweightedRegression: true, nearestRankIqr: true };

  it('iqr uses nearest-rank quartiles (switch nearestRankIqr)', () => {
    // 0.05, 0.10, ..., 0.60 (12 values). Nearest rank: q1 = x[round(3.25) - 1] = x[2] = 0.15,
    // q3 = x[round(9.75) - 1] = x[9] = 0.50 => IQR 0.35, threshold 1 - 1.5 x 0.35 = 0.475.
    // Type 7: q1 at 2.75 = 0.1875, q3 at 8.25 = 0.4625 => IQR 0.275, threshold 0.5875. Now: 0.5.
    const history = Float64Array.from({ length: 12 }, (_, i) => (i + 1) * 0.05);
    expect(new CloudsimDetector({ ...settings, name: 'iqr' }).overloaded(history, 12, 0.5, 1)).toBe(true);
    expect(new CloudsimDetector({ ...settings, name: 'iqr', nearestRankIqr: false }).overloaded(history, 12, 0.5, 1)).toBe(false);
  });

  it('needs 12 non-zero newest values for iqr, else the 0.7 fallback decides', () => {
    const history = Float64Array.from({ length: 12 }, (_, i) => (i === 0 ? 0 : 0.5));
    expect(new CloudsimDetector({ ...settings, name: 'iqr' }).overloaded(history, 12, 0.69, 1)).toBe(false);
    expect(new CloudsimDetector({ ...settings, name: 'iqr' }).overloaded(history, 12, 0.71, 1)).toBe(true);
  });

  it('lr is an unweighted fit of the newest 10 values, one step ahead (switch unweightedRegression)', () => {
    // y = 0 x 9 then 1 at x = 1..10: mean x 5.5, mean y 0.1, Sxy = 4.5 x 0.9 + 0.1 x 4.5 = 4.5,
    // Sxx = 82.5 => slope 0.054545; at x = 11: 0.1 + 0.054545 x 5.5 = 0.4.
    const history = Float64Array.from([0.7, 0.7, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1]);
    expect(unweightedPrediction(history, 12, 1)).toBeCloseTo(0.4, 12);
    // 2.5 x 0.4 = 1 >= 1: overloaded; so is lrr, which CloudSim 3.0.3 computes the same way.
    expect(new CloudsimDetector({ ...settings, name: 'lr', safety: 2.5 }).overloaded(history, 12, 0, 1)).toBe(true);
    expect(new CloudsimDetector({ ...settings, name: 'lrr', safety: 2.5 }).overloaded(history, 12, 0, 1)).toBe(true);
    expect(new CloudsimDetector({ ...settings, name: 'lrr', safety: 2.49 }).overloaded(history, 12, 0, 1)).toBe(false);
  });
});
