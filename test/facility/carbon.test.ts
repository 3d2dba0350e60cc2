import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { InputError } from '../../src/common/input-error.js';
import { accountCarbon, type CarbonSettings } from '../../src/metrics/carbon.js';
import { summarizeRun } from '../../src/metrics/summarize-run.js';
import { withCarbon } from '../../src/metrics/with-carbon.js';
import type { RunInputs } from '../../src/metrics/run-result.js';
import { CARBON_YEAR_SECONDS, intensityStepAt, readCarbonIntensity, type CarbonIntensity } from '../../src/model/carbon-intensity.js';
import { placementPolicy } from '../../src/placement/registry.js';
import { DEFAULT_ELASTIC, sharingRules } from '../../src/simulation/sharing-rules.js';
import { simulate } from '../../src/simulation/simulate.js';
import type { Workload } from '../../src/traces/workload.js';
import { hostModel, tinyDatacenter, tinyWorkload } from '../helpers/tiny-world.js';

const linear100to200 = hostModel('h', 1, 1000, 4096, { kind: 'linear', idleW: 100, maxW: 200 });
const tmp = mkdtempSync(join(tmpdir(), 'rackplan-carbon-'));
const EPOCH = 1_700_000_000;

function run(workload: Workload, hosts = 1) {
  const settings = { rules: sharingRules(workload, 'fixed', DEFAULT_ELASTIC), policy: placementPolicy('first-fit'), power: { switchOffIdle: false }, initialBatchMs: 300_000, reportIntervalMs: 300_000 };
  return summarizeRun(simulate(workload, tinyDatacenter(linear100to200, hosts), settings), {} as RunInputs);
}

function intensity(rows: [number, number][]): CarbonIntensity {
  return { file: 'test.csv', epochSeconds: Float64Array.from(rows, (r) => r[0]), gco2PerKWh: Float64Array.from(rows, (r) => r[1]) };
}

function settings(rows: [number, number][], pue: number, startEpochSeconds = EPOCH): CarbonSettings {
  return { name: 'test', intensity: intensity(rows), pue, startEpochSeconds, startFrom: 'startAt' };
}

function file(name: string, text: string): string {
  const path = join(tmp, name);
  writeFileSync(path, text);
  return path;
}

describe('carbon', () => {
  it('integrates power x PUE x a two-step intensity, split inside a report interval', () => {
    // 1 host, idle 100 W, max 200 W, one VM at 50% for 7200 s => 150 W throughout.
    // Intensity 200 g/kWh from t = 0, 500 g/kWh from t = 3450 s (inside the interval 3300-3600 s).
    // Before: 150 W x 3450 s = 0.14375 kWh x PUE 1.5 x 200 g = 43.125 g
    // After:  150 W x 3750 s = 0.15625 kWh x PUE 1.5 x 500 g = 117.1875 g   => 0.1603125 kg
    // Facility energy: 150 W x 2 h = 0.3 kWh x 1.5 = 0.45 kWh.
    const result = withCarbon(run(tinyWorkload([{ id: 'vm', cpuCapacityMhz: 1000, samples: [[0, 500]], endSeconds: 7200 }])), settings([[EPOCH, 200], [EPOCH + 3450, 500]], 1.5));
    const c = result.summary.carbon!;
    expect(c.carbonKg).toBeCloseTo(0.1603125, 12);
    expect(c.facilityEnergyKWh).toBeCloseTo(0.45, 12);
    expect(c.gco2PerKWhMean).toBeCloseTo((200 * 3450 + 500 * 3750) / 7200, 9);
    // The longest step is 3450 s, so the last row counts as data until 6900 s; the last 300 s were held.
    expect(c.heldPastFileHours).toBeCloseTo(300 / 3600, 12);
    // The interval holding the change: 150 x 300 s = 0.0125 kWh x 1.5 x (200 x 150 + 500 x 150) / 300 g.
    expect(result.carbon!.gco2PerKWh[11]).toBeCloseTo(350, 9);
    expect(result.carbon!.carbonKg[11]).toBeCloseTo((0.0125 * 1.5 * 350) / 1000, 12);
    expect(result.carbon!.carbonKgCumulative[23]).toBeCloseTo(c.carbonKg, 12);
  });

  it('weights intensity by the power drawn when it applied, not by time alone', () => {
    // Host at 50% (150 W) for the first hour, 100% (200 W) for the second; 100 g then 300 g.
    // 0.15 kWh x 100 g + 0.2 kWh x 300 g = 15 + 60 = 75 g (PUE 1). Energy x mean intensity would say 0.35 x 200 = 70 g.
    const workload = tinyWorkload([{ id: 'vm', cpuCapacityMhz: 1000, samples: [[0, 500], [3600, 1000]], endSeconds: 7200 }]);
    const c = withCarbon(run(workload), settings([[EPOCH, 100], [EPOCH + 3600, 300]], 1)).summary.carbon!;
    expect(c.carbonKg).toBeCloseTo(0.075, 12);
  });

  it('with a constant intensity c, carbonKg = energyKWh x PUE x c / 1000 (on a run whose power moves)', () => {
    const workload = tinyWorkload([
      { id: 'a', cpuCapacityMhz: 1000, samples: [[0, 120], [700, 910], [2000, 330]], endSeconds: 5000 },
      { id: 'b', cpuCapacityMhz: 1000, samples: [[100, 640], [1900, 50]], endSeconds: 4100 },
    ]);
    const result = run(workload, 2);
    for (const [c, pue] of [[436, 1.58], [12.5, 1]] as const) {
      const carbon = withCarbon(result, settings([[EPOCH - 10, c]], pue)).summary.carbon!;
      expect(carbon.carbonKg).toBeCloseTo((result.summary.energyKWh * pue * c) / 1000, 12);
      expect(carbon.facilityEnergyKWh).toBeCloseTo(result.summary.energyKWh * pue, 12);
    }
  });

  it('repeats the file yearly and says how long its last value was held past the data', () => {
    const file = intensity([[EPOCH, 100], [EPOCH + 3600, 300]]);
    for (const t of [EPOCH, EPOCH + 1800, EPOCH + 3600, EPOCH + 5000]) {
      expect(intensityStepAt(file, t + 3 * CARBON_YEAR_SECONDS).row).toBe(intensityStepAt(file, t).row);
      expect(intensityStepAt(file, t - CARBON_YEAR_SECONDS).row).toBe(intensityStepAt(file, t).row);
    }
    // Three hours of 150 W from the file's start: rows at 0 h and 1 h, so the longest step is 1 h;
    // the last row holds from 1 h, and what lies past 2 h (1 h of the run) is held beyond the data.
    const result = withCarbon(run(tinyWorkload([{ id: 'vm', cpuCapacityMhz: 1000, samples: [[0, 500]], endSeconds: 10_800 }])), settings([[EPOCH, 100], [EPOCH + 3600, 300]], 1));
    expect(result.summary.carbon!.heldPastFileHours).toBeCloseTo(1, 9);
    expect(result.summary.carbon!.carbonKg).toBeCloseTo((0.15 * 100 + 0.3 * 300) / 1000, 12);
  });

  it('accountCarbon on no intervals gives zero carbon and the intensity at the start', () => {
    const out = accountCarbon({ startSeconds: new Float64Array(0), energyKWhCumulative: new Float64Array(0) }, 0, settings([[EPOCH, 321]], 1.2));
    expect(out.summary.carbonKg).toBe(0);
    expect(out.summary.gco2PerKWhMean).toBe(321);
  });
});

describe('carbon-intensity files', () => {
  it('reads ISO-8601 UTC and epoch seconds, with comments', () => {
    const path = file('ok.csv', '# illustrative\ntimestamp,gco2_per_kwh\n2023-01-01T00:00:00Z,300\n2023-01-01T01:30Z,250.5\n1672538400,0\n');
    const read = readCarbonIntensity(path);
    expect([...read.epochSeconds]).toEqual([1672531200, 1672531200 + 5400, 1672538400]);
    expect([...read.gco2PerKWh]).toEqual([300, 250.5, 0]);
  });

  it.each([
    ['no header', '2023-01-01T00:00:00Z,300\n', ':1: expected the header'],
    ['a bad date', 'timestamp,gco2_per_kwh\n2023-01-01T00:00:00Z,300\n2023-02-30T00:00:00Z,200\n', ':3: timestamp: expected an ISO-8601 UTC time'],
    ['a local time', 'timestamp,gco2_per_kwh\n2023-01-01T00:00:00+01:00,300\n', ':2: timestamp:'],
    ['time going back', 'timestamp,gco2_per_kwh\n1000,1\n1000,2\n', ':3: timestamp: timestamps must increase'],
    ['a negative intensity', 'timestamp,gco2_per_kwh\n1000,-5\n', ':2: gco2_per_kwh: expected gCO2 per kWh'],
    ['a unit mistake', 'timestamp,gco2_per_kwh\n1000,0.4e5\n', ':2: gco2_per_kwh:'],
    ['a missing column', 'timestamp,gco2_per_kwh\n1000\n', ':2: expected 2 columns'],
    ['more than a year', `timestamp,gco2_per_kwh\n0,1\n${CARBON_YEAR_SECONDS},2\n`, ':3: timestamp: the file spans a year or more'],
    ['no rows', 'timestamp,gco2_per_kwh\n', ': no rows after the header'],
  ])('refuses %s with the file, line and field', (name, text, message) => {
    const path = file(`${name.replace(/ /g, '-')}.csv`, text);
    expect(() => readCarbonIntensity(path)).toThrow(InputError);
    expect(() => readCarbonIntensity(path)).toThrow(`${path}${message}`);
  });
});

describe('intensityStepAt against a naive scan', () => {
  it('finds the last row at or before the wrapped time, and the time to the next change', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.integer({ min: 0, max: CARBON_YEAR_SECONDS - 1 }), { minLength: 1, maxLength: 12 }),
        fc.integer({ min: -3 * CARBON_YEAR_SECONDS, max: 3 * CARBON_YEAR_SECONDS }),
        (offsets, t) => {
          const times = [...offsets].sort((a, b) => a - b).map((o) => EPOCH + o);
          const file = intensity(times.map((time, i) => [time, i]));
          // Naive: shift by whole years until inside [first, first + year), then scan.
          let wrapped = EPOCH + t;
          while (wrapped < times[0]!) wrapped += CARBON_YEAR_SECONDS;
          while (wrapped >= times[0]! + CARBON_YEAR_SECONDS) wrapped -= CARBON_YEAR_SECONDS;
          let row = 0;
          for (let i = 0; i < times.length; i++) if (times[i]! <= wrapped) row = i;
          const next = row + 1 < times.length ? times[row + 1]! : times[0]! + CARBON_YEAR_SECONDS;
          const found = intensityStepAt(file, EPOCH + t);
          expect(found.row).toBe(row);
          expect(found.secondsToChange).toBe(next - wrapped);
        },
      ),
    );
  });
});
