import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { RandomStream } from '../../src/engine/random.js';
import { downPeriodsByHost, generateFailureSchedule, mergeSchedules, type FailureSchedule } from '../../src/failures/failure-schedule.js';
import { loadFailureModel, type FailureModelSpec } from '../../src/failures/failure-spec.js';
import { BUILTIN_MODELS_DIR, type Catalog } from '../../src/model/catalog.js';
import { buildDatacenter, type Datacenter } from '../../src/model/datacenter.js';
import { hostModel, hypervisor, tinyDatacenter } from '../helpers/tiny-world.js';

const MODEL = hostModel('h', 4, 1000, 8192, { kind: 'linear', idleW: 100, maxW: 200 });
const DAY_MS = 86_400_000;

/** Frequent failures so that short schedules have many outages: MTTF 24 h, MTTR 2 h. */
const FREQUENT: FailureModelSpec = {
  id: 'frequent',
  name: 'frequent',
  host: { timeToFailure: { kind: 'exponential', meanHours: 24 }, timeToRepair: { kind: 'exponential', meanHours: 2 } },
  domains: [],
  source: 'test',
};

/** Two clusters; cluster a has racks a1 (3 hosts) and a2 (2 hosts), cluster b has rack b1 (4 hosts). */
function twoClusters(): Datacenter {
  const catalog: Catalog = { dir: 'test', hosts: new Map([['h', MODEL]]), hypervisors: new Map([['bare', hypervisor('bare')]]), guests: new Map(), files: new Map() };
  return buildDatacenter(
    {
      id: 'two',
      name: 'two',
      hypervisor: 'bare',
      clusters: [
        { id: 'a', racks: [{ id: 'a1', hosts: [{ model: 'h', count: 3 }] }, { id: 'a2', hosts: [{ model: 'h', count: 2 }] }] },
        { id: 'b', racks: [{ id: 'b1', hosts: [{ model: 'h', count: 4 }] }] },
      ],
    },
    catalog,
    'two.json',
  );
}

function outagesOfHost(schedule: FailureSchedule, h: number) {
  return schedule.filter((o) => o.cause === 'host' && o.hostIndices[0] === h);
}

describe('generateFailureSchedule', () => {
  it('is a pure function of its inputs and seed', () => {
    const dc = tinyDatacenter(MODEL, 5);
    const a = generateFailureSchedule(dc, FREQUENT, 30 * DAY_MS, new RandomStream(1).fork('failures'));
    const b = generateFailureSchedule(dc, FREQUENT, 30 * DAY_MS, new RandomStream(1).fork('failures'));
    const c = generateFailureSchedule(dc, FREQUENT, 30 * DAY_MS, new RandomStream(2).fork('failures'));
    expect(a.length).toBeGreaterThan(20);
    expect(b).toEqual(a);
    expect(c).not.toEqual(a);
  });

  it('alternates up and down periods per host: sorted, integer ms, inside [0, duration), no overlap', () => {
    const dc = tinyDatacenter(MODEL, 5);
    const duration = 30 * DAY_MS;
    const schedule = generateFailureSchedule(dc, FREQUENT, duration, new RandomStream(5));
    for (let i = 1; i < schedule.length; i++) {
      const [p, o] = [schedule[i - 1]!, schedule[i]!];
      expect(p.startMs < o.startMs || (p.startMs === o.startMs && p.hostIndices[0]! <= o.hostIndices[0]!)).toBe(true);
    }
    for (let h = 0; h < dc.hostCount; h++) {
      let upSince = 0;
      for (const o of outagesOfHost(schedule, h)) {
        expect(Number.isInteger(o.startMs) && Number.isInteger(o.endMs)).toBe(true);
        expect(o.startMs).toBeGreaterThanOrEqual(upSince);
        expect(o.endMs).toBeGreaterThan(o.startMs);
        expect(o.endMs).toBeLessThanOrEqual(duration);
        expect(o.source).toBe(dc.hostIds[h]);
        upSince = o.endMs;
      }
    }
  });

  it('gives each host about MTTF / (MTTF + MTTR) availability over a long horizon', () => {
    // MTTF 24 h, MTTR 2 h => availability 24 / 26 = 0.923; 20 hosts x 2 years of draws.
    const dc = tinyDatacenter(MODEL, 20);
    const duration = 730 * DAY_MS;
    const down = downPeriodsByHost(generateFailureSchedule(dc, FREQUENT, duration, new RandomStream(9)), dc.hostCount);
    const downMs = down.flat().reduce((s, [a, b]) => s + (b - a), 0);
    expect(1 - downMs / (duration * dc.hostCount)).toBeCloseTo(24 / 26, 2);
  });

  it('draws each host from its own stream: adding hosts leaves the others unchanged', () => {
    const small = generateFailureSchedule(tinyDatacenter(MODEL, 4), FREQUENT, 30 * DAY_MS, new RandomStream(3));
    const large = generateFailureSchedule(tinyDatacenter(MODEL, 9), FREQUENT, 30 * DAY_MS, new RandomStream(3));
    for (let h = 0; h < 4; h++) expect(outagesOfHost(large, h)).toEqual(outagesOfHost(small, h));
    expect(large.filter((o) => o.hostIndices[0]! >= 4).length).toBeGreaterThan(0);
  });

  it('takes every host of a rack or cluster down together in a domain event', () => {
    const dc = twoClusters();
    const model: FailureModelSpec = {
      id: 'domains',
      name: 'domains',
      domains: [
        { level: 'rack', timeToFailure: { kind: 'exponential', meanHours: 48 }, timeToRepair: { kind: 'exponential', meanHours: 3 } },
        { level: 'cluster', timeToFailure: { kind: 'exponential', meanHours: 96 }, timeToRepair: { kind: 'exponential', meanHours: 1 } },
      ],
      source: 'test',
    };
    const schedule = generateFailureSchedule(dc, model, 60 * DAY_MS, new RandomStream(4));
    const expected: Record<string, number[]> = { a1: [0, 1, 2], a2: [3, 4], b1: [5, 6, 7, 8], a: [0, 1, 2, 3, 4], b: [5, 6, 7, 8] };
    for (const outage of schedule) expect([...outage.hostIndices]).toEqual(expected[outage.source]);
    expect(new Set(schedule.map((o) => o.cause))).toEqual(new Set(['rack', 'cluster']));
    expect(new Set(schedule.map((o) => o.source))).toEqual(new Set(Object.keys(expected)));
  });

  it('merges overlapping outages of one host into its down periods', () => {
    const o = (h: number[], startMs: number, endMs: number, cause: 'host' | 'rack') => ({ hostIndices: h, startMs, endMs, cause, source: 'x' });
    const schedule = mergeSchedules([o([0], 100, 300, 'host'), o([1], 500, 600, 'host')], [o([0, 1], 200, 400, 'rack')]);
    expect(schedule.map((x) => x.startMs)).toEqual([100, 200, 500]);
    expect(downPeriodsByHost(schedule, 2)).toEqual([[[100, 400]], [[200, 400], [500, 600]]]);
  });

  it('reads every shipped failure model', () => {
    const dir = join(BUILTIN_MODELS_DIR, 'failures');
    const files = readdirSync(dir).filter((f) => f.endsWith('.json'));
    expect(files.length).toBeGreaterThanOrEqual(3);
    for (const file of files) {
      const model = loadFailureModel(join(dir, file));
      expect(`${model.id}.json`).toBe(file);
      expect(model.source.length).toBeGreaterThan(40);
    }
  });
});
