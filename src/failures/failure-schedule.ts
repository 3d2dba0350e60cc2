import type { RandomStream } from '../engine/random.js';
import type { Datacenter } from '../model/datacenter.js';
import { drawHours } from './duration-distribution.js';
import type { FailureModelSpec, UpDownSpec } from './failure-spec.js';

export type OutageCause = 'host' | 'rack' | 'cluster' | 'trace';

/**
 * A period during which some hosts are down: from startMs (inclusive) to endMs (exclusive),
 * integer ms from the start of the run. Outages may overlap (a host failure inside a rack
 * outage); a host is down while any outage that lists it is active.
 */
export interface Outage {
  /** Host indices into the datacenter, ascending, at least one. */
  readonly hostIndices: readonly number[];
  readonly startMs: number;
  readonly endMs: number;
  readonly cause: OutageCause;
  /** The host, rack or cluster id that failed (for a trace, the id in the file). */
  readonly source: string;
}

/** Outages sorted by (startMs, first host index, cause, endMs). */
export type FailureSchedule = readonly Outage[];

const MS_PER_HOUR = 3_600_000;
const CAUSE_ORDER: Record<OutageCause, number> = { host: 0, rack: 1, cluster: 2, trace: 3 };

/**
 * Alternates up and down periods over [0, durationMs) for every host and every failure domain
 * of the model. Everything is up at t = 0; a period that would end after durationMs is cut
 * there; a repair lasts at least 1 ms. Each host and domain draws from its own fork of `rng`
 * (`host-<id>`, `rack-<id>`, `cluster-<id>`, each with sub-streams `ttf` and `ttr`), so adding a
 * host or changing the repair law leaves the other draws unchanged. Pure.
 */
export function generateFailureSchedule(dc: Datacenter, model: FailureModelSpec, durationMs: number, rng: RandomStream): FailureSchedule {
  const outages: Outage[] = [];
  if (model.host) {
    for (let h = 0; h < dc.hostCount; h++) {
      const id = dc.hostIds[h]!;
      upDownPeriods(model.host, rng.fork(`host-${id}`), durationMs, (startMs, endMs) =>
        outages.push({ hostIndices: [h], startMs, endMs, cause: 'host', source: id }),
      );
    }
  }
  for (const domain of model.domains) {
    const ids = domain.level === 'rack' ? dc.rackIds : dc.clusterIds;
    const members = membersOf(domain.level === 'rack' ? dc.rackOf : dc.clusterOf, ids.length);
    ids.forEach((id, d) => {
      const hostIndices = members[d]!;
      if (hostIndices.length === 0) return;
      upDownPeriods(domain, rng.fork(`${domain.level}-${id}`), durationMs, (startMs, endMs) =>
        outages.push({ hostIndices, startMs, endMs, cause: domain.level, source: id }),
      );
    });
  }
  return sortOutages(outages);
}

function upDownPeriods(spec: UpDownSpec, rng: RandomStream, durationMs: number, emit: (startMs: number, endMs: number) => void): void {
  const ttf = rng.fork('ttf');
  const ttr = rng.fork('ttr');
  let t = 0;
  for (;;) {
    const startMs = t + Math.round(drawHours(spec.timeToFailure, ttf) * MS_PER_HOUR);
    if (!(startMs < durationMs)) return;
    const repairMs = Math.max(1, Math.round(drawHours(spec.timeToRepair, ttr) * MS_PER_HOUR));
    const endMs = Math.min(durationMs, startMs + repairMs);
    emit(startMs, endMs);
    t = endMs;
  }
}

/** Host indices per domain (rack or cluster), ascending. */
export function membersOf(domainOf: Int32Array, domainCount: number): number[][] {
  const members: number[][] = Array.from({ length: domainCount }, () => []);
  domainOf.forEach((d, h) => members[d]!.push(h));
  return members;
}

export function sortOutages(outages: Outage[]): Outage[] {
  return outages.sort(
    (a, b) =>
      a.startMs - b.startMs ||
      a.hostIndices[0]! - b.hostIndices[0]! ||
      CAUSE_ORDER[a.cause] - CAUSE_ORDER[b.cause] ||
      a.endMs - b.endMs ||
      (a.source < b.source ? -1 : a.source > b.source ? 1 : 0),
  );
}

/** Several schedules as one (a model and a trace together), sorted. */
export function mergeSchedules(...schedules: FailureSchedule[]): FailureSchedule {
  return sortOutages(schedules.flatMap((s) => [...s]));
}

/**
 * Per host, the periods it is down with overlapping outages merged: a list of [startMs, endMs)
 * pairs in time order. What availability and the failure timeline are computed from.
 */
export function downPeriodsByHost(schedule: FailureSchedule, hostCount: number): [number, number][][] {
  const byHost: [number, number][][] = Array.from({ length: hostCount }, () => []);
  for (const outage of schedule) {
    for (const h of outage.hostIndices) if (h < hostCount) byHost[h]!.push([outage.startMs, outage.endMs]);
  }
  return byHost.map((periods) => {
    periods.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
    const merged: [number, number][] = [];
    for (const [start, end] of periods) {
      const last = merged[merged.length - 1];
      if (last && start <= last[1]) last[1] = Math.max(last[1], end);
      else merged.push([start, end]);
    }
    return merged;
  });
}
