import { describe, expect, it } from 'vitest';
import type { Outage } from '../../src/failures/failure-schedule.js';
import { placementPolicy } from '../../src/placement/registry.js';
import { TextSink } from '../../src/simulation/event-log.js';
import { referenceCheck } from '../../src/simulation/reference-check.js';
import { DEFAULT_ELASTIC, sharingRules } from '../../src/simulation/sharing-rules.js';
import { simulate } from '../../src/simulation/simulate.js';
import { hostModel, hypervisor, tinyDatacenter, tinyWorkload } from '../helpers/tiny-world.js';

// 1 host of 1000 MHz (CPU overcommit 2, so both VMs are placed on it), 2 VMs of 800 MHz, each
// demanding 800 MHz for 10 s, then 0, until 30 s. Report intervals of 5 s.
const host = hostModel('h', 1, 1000, 4096, { kind: 'linear', idleW: 100, maxW: 200 });
const workload = tinyWorkload([
  { id: 'a', cpuCapacityMhz: 800, samples: [[0, 800], [10, 0]], endSeconds: 30 },
  { id: 'b', cpuCapacityMhz: 800, samples: [[0, 800], [10, 0]], endSeconds: 30 },
]);
const dc = tinyDatacenter(host, 1, hypervisor('overcommit', { cpuOvercommit: 2 }));
const settings = (deferrable: number[]) => ({
  rules: sharingRules(workload, 'fixed', DEFAULT_ELASTIC),
  policy: placementPolicy('first-fit'),
  initialBatchMs: 1000,
  reportIntervalMs: 5000,
  deferrable: Uint8Array.from(deferrable),
});

describe('deferrable work, by hand', () => {
  it('serves the deferred work after the contention, first in first out', () => {
    const sink = new TextSink();
    const record = simulate(workload, dc, { ...settings([1, 1]), events: sink });
    const b = record.backlog!;
    // 0-10 s: 1600 MHz wanted on 1000: each VM gets 500 and defers 300 MHz x 10 s = 3000 MHz-s.
    expect(b.servedNowInt / 1000).toBeCloseTo(2 * 5000, 9);
    expect(b.deferredInt / 1000).toBeCloseTo(2 * 3000, 9);
    // 10 s on: demand 0, each asks its size (800) for its backlog; they share 1000 as 500 + 500,
    // so 3000 MHz-s drain in 6 s: done at 16 s, all served late, nothing pending or dropped.
    expect(b.servedLateInt / 1000).toBeCloseTo(6000, 9);
    expect(b.pendingInt).toBe(0);
    expect(b.droppedInt).toBe(0);
    // Chunks per 5-s interval: 1500 MHz-s deferred around 2.5 s (served by 13 s: 10.5 s late)
    // and 1500 around 7.5 s (served by 16 s: 8.5 s late), per VM.
    const delays = b.delayMs.map((d, i) => [d / 1000, b.delayWeight[i]! / 1000]);
    expect(delays).toEqual([[10.5, 1500], [10.5, 1500], [8.5, 1500], [8.5, 1500]]);
    // Mean pending per interval, MHz-s: 0-5 s grows 0 -> 3000 (mean 1500), 5-10 s 3000 -> 6000
    // (4500), 10-15 s 6000 -> 1000 (3500), 15-16 s 1000 -> 0 then 0 (100 over 5 s).
    expect(Array.from(b.pendingMean, (x) => x / 1000)).toEqual([1500, 4500, 3500, 100, 0, 0]);
    // The served total on the host matches: demand 16 000 MHz-s, all served.
    expect(record.meter.servedInt / 1000).toBeCloseTo(16000, 9);
    expect(sink.text).toContain('10.000 backlog vm=a pending=3000.000 drain=500 until=16.000');
  });

  it('without the flag, the same contention is unmet and nothing is deferred', () => {
    const record = simulate(workload, dc, settings([0, 0]));
    expect(record.backlog).toBeUndefined();
    expect((record.meter.demandInt - record.meter.servedInt) / 1000).toBeCloseTo(6000, 9);
  });

  it('stays exact against the slow reference', () => {
    expect(() => simulate(workload, dc, settings([1, 0]), { observe: referenceCheck })).not.toThrow();
  });

  it('defers what a VM misses while its host is down and waiting to restart, and serves it after', () => {
    // 2 hosts of 1000 MHz. a (500 MHz, deferrable) demands 300 until 100 s on host 0, which fails
    // at 10 s for good. Detected after 10 s (20 s), restarted on host 1, booted 5 s later (25 s).
    // Down 10-25 s: 300 x 15 = 4500 MHz-s deferred, in 5-s chunks of 1500 around 12.5, 17.5, 22.5 s.
    // From 25 s a asks its size, 500: 200 MHz drains the backlog in 22.5 s, by 47.5 s; the chunks
    // are done at 32.5, 40 and 47.5 s: 20, 22.5 and 25 s late.
    const one = tinyWorkload([{ id: 'a', cpuCapacityMhz: 500, samples: [[0, 300]], endSeconds: 100 }]);
    const outage: Outage = { hostIndices: [0], startMs: 10_000, endMs: 200_000, cause: 'trace', source: 'test' };
    const record = simulate(
      one,
      tinyDatacenter(host, 2),
      {
        rules: sharingRules(one, 'fixed', DEFAULT_ELASTIC),
        policy: placementPolicy('first-fit'),
        failures: [outage],
        ha: { detectionMs: 10_000, bootMs: 5000, restartLimit: 3 },
        initialBatchMs: 1000,
        reportIntervalMs: 5000,
        deferrable: Uint8Array.from([1]),
      },
      { observe: referenceCheck },
    );
    const b = record.backlog!;
    expect(b.deferredInt / 1000).toBeCloseTo(4500, 9);
    expect(b.servedLateInt / 1000).toBeCloseTo(4500, 9);
    expect(b.servedNowInt / 1000).toBeCloseTo(300 * 85, 9);
    expect(b.pendingInt).toBe(0);
    expect(b.delayMs.map((d) => d / 1000)).toEqual([20, 22.5, 25]);
    expect(b.delayWeight.map((w) => w / 1000)).toEqual([1500, 1500, 1500]);
    // The VM-level integrals still say it was down 15 s; its lost demand is no longer unmet.
    expect(record.vms.downInt[0]).toBe(15_000);
    expect((record.meter.demandInt - record.meter.servedInt) / 1000).toBeCloseTo(0, 6);
  });

  it('a deferrable VM that fails for good drops what it had waiting when its trace ends', () => {
    // Restart limit 0: a's host fails at 10 s and a is given up; its demand (300) is deferred until
    // its trace ends at 40 s (300 x 30 = 9000 MHz-s), then dropped: nothing will ever serve it.
    const one = tinyWorkload([{ id: 'a', cpuCapacityMhz: 500, samples: [[0, 300]], endSeconds: 40 }]);
    const outage: Outage = { hostIndices: [0], startMs: 10_000, endMs: 200_000, cause: 'trace', source: 'test' };
    const record = simulate(one, tinyDatacenter(host, 2), {
      rules: sharingRules(one, 'fixed', DEFAULT_ELASTIC),
      policy: placementPolicy('first-fit'),
      failures: [outage],
      ha: { detectionMs: 10_000, bootMs: 5000, restartLimit: 0 },
      initialBatchMs: 1000,
      reportIntervalMs: 5000,
      durationMs: 60_000,
      deferrable: Uint8Array.from([1]),
    });
    const b = record.backlog!;
    expect(b.servedNowInt / 1000).toBeCloseTo(3000, 9);
    expect(b.droppedInt / 1000).toBeCloseTo(9000, 9);
    expect(b.servedLateInt + b.pendingInt).toBe(0);
  });
});
