import { callPlugin, PluginError } from '../common/plugin-error.js';
import type { FailureModel } from '../failures/failure-model.js';
import type { Outage } from '../failures/failure-schedule.js';
import type { OverloadDetector } from '../migration/overload-detector.js';
import type { VmSelector } from '../migration/vm-selector.js';
import type { PlacementPolicy } from '../placement/placement-policy.js';
import type { FilterPlugin, ScorePlugin } from '../placement/plugins.js';
import type { PlacementPolicyPlugin } from './plugin-set.js';

/**
 * Wrappers that hold a plug-in to its contract at every call: what it throws, and any result
 * the core cannot use (a NaN or infinite score, a host index out of range, a VM that was not a
 * candidate), becomes a PluginError naming the plug-in and its module. Plug-ins run on rare
 * events (placement, consolidation rounds, run start), never on the per-sample path.
 */
export function guardPlacementPolicy(p: PlacementPolicyPlugin, source: string): PlacementPolicy {
  const fail = (detail: string) => new PluginError(p.name, source, detail);
  const scorers = (p.scorers ?? []).map(({ plugin, weight }) => {
    if (!(weight > 0)) throw fail(`weight of scorer "${plugin?.name}" must be > 0`);
    if (typeof plugin?.score !== 'function') throw fail('every scorer needs { plugin: { name, score(view, host, request) }, weight }');
    return { plugin: guardScorer(plugin, p.name, source), weight };
  });
  const filters = (p.filters ?? []).map((filter) => {
    if (typeof filter?.passes !== 'function') throw fail('every filter needs { name, reason, passes(view, host, request) }');
    return guardFilter(filter, p.name, source);
  });
  if (p.choose !== undefined && typeof p.choose !== 'function') throw fail('choose must be a function (view, request) => host index');
  if (p.choose && scorers.length > 0) throw fail('give either choose or scorers, not both');
  const choose = p.choose;
  return {
    name: p.name,
    description: p.description ?? `plug-in from ${source}`,
    decreasing: p.decreasing === true,
    scorers,
    ...(filters.length > 0 ? { extraFilters: filters } : {}),
    ...(choose
      ? {
          choose: (view, request) => {
            const host = callPlugin(p.name, source, 'choose', () => choose(view, request));
            if (!Number.isInteger(host) || host < -1 || host >= view.hostCount) {
              throw fail(`choose returned ${String(host)}; expected a host index 0..${view.hostCount - 1} or -1`);
            }
            return host;
          },
        }
      : {}),
    source,
  };
}

function guardScorer(scorer: ScorePlugin, policy: string, source: string): ScorePlugin {
  return {
    name: scorer.name,
    score: (view, host, request) => {
      const value = callPlugin(policy, source, `scorer "${scorer.name}"`, () => scorer.score(view, host, request));
      if (typeof value !== 'number' || !Number.isFinite(value)) {
        throw new PluginError(policy, source, `scorer "${scorer.name}" returned ${String(value)} for host ${host}; expected a finite number`);
      }
      return value;
    },
  };
}

function guardFilter(filter: FilterPlugin, policy: string, source: string): FilterPlugin {
  return {
    name: filter.name,
    reason: filter.reason ?? `rejected-by-${filter.name}`,
    passes: (view, host, request) => {
      const passes = callPlugin(policy, source, `filter "${filter.name}"`, () => filter.passes(view, host, request));
      if (typeof passes !== 'boolean') throw new PluginError(policy, source, `filter "${filter.name}" returned ${String(passes)}; expected true or false`);
      return passes;
    },
  };
}

export function guardDetector(d: OverloadDetector, source: string): OverloadDetector {
  const fail = (detail: string) => new PluginError(d.name, source, detail);
  if (typeof d.overloaded !== 'function' || typeof d.limit !== 'function') throw fail('an overload detector needs overloaded() and limit()');
  const minHistory = d.minHistory ?? 1;
  if (!Number.isInteger(minHistory) || minHistory < 1) throw fail(`minHistory must be an integer >= 1, not ${String(d.minHistory)}`);
  return {
    name: d.name,
    parameter: d.parameter ?? 'safety parameter',
    minHistory,
    overloaded: (history, n, safety, stepsAhead, scratch) => {
      const result = callPlugin(d.name, source, 'overloaded', () => d.overloaded(history, n, safety, stepsAhead, scratch));
      if (typeof result !== 'boolean') throw fail(`overloaded returned ${String(result)}; expected true or false`);
      return result;
    },
    // NaN is part of the contract (check destinations by prediction); anything else must be a number.
    limit: (history, n, safety, scratch) => {
      const result = callPlugin(d.name, source, 'limit', () => d.limit(history, n, safety, scratch));
      if (typeof result !== 'number' || result === Infinity || result === -Infinity) throw fail(`limit returned ${String(result)}; expected a utilization or NaN`);
      return result;
    },
  };
}

export function guardSelector(s: VmSelector, source: string): VmSelector {
  if (typeof s.select !== 'function') throw new PluginError(s.name, source, 'a VM selector needs select(candidates, count, view, rng)');
  return {
    name: s.name,
    select: (candidates, count, view, rng) => {
      const vm = callPlugin(s.name, source, 'select', () => s.select(candidates, count, view, rng));
      for (let i = 0; i < count; i++) if (candidates[i] === vm) return vm;
      throw new PluginError(s.name, source, `select returned ${String(vm)}, which is not one of the ${count} candidate VMs`);
    },
  };
}

export function guardFailureModel(m: FailureModel, source: string): FailureModel {
  const fail = (detail: string) => new PluginError(m.name, source, detail);
  if (typeof m.outages !== 'function') throw fail('a failure model needs outages(dc, durationMs, rng)');
  return {
    name: m.name,
    ...(m.description ? { description: m.description } : {}),
    outages: (dc, durationMs, rng) => {
      const outages = callPlugin(m.name, source, 'outages', () => m.outages(dc, durationMs, rng));
      if (!Array.isArray(outages)) throw fail('outages must return an array');
      return outages.map((o: Outage, i) => checkedOutage(o, i, dc.hostCount, fail));
    },
  };
}

function checkedOutage(o: Outage, i: number, hostCount: number, fail: (detail: string) => PluginError): Outage {
  const hosts = [...(o?.hostIndices ?? [])].sort((a, b) => a - b);
  if (hosts.length === 0 || hosts.some((h) => !Number.isInteger(h) || h < 0 || h >= hostCount)) {
    throw fail(`outage ${i}: hostIndices must be host indices 0..${hostCount - 1}, at least one`);
  }
  if (!Number.isInteger(o.startMs) || !Number.isInteger(o.endMs) || o.startMs < 0 || o.endMs <= o.startMs) {
    throw fail(`outage ${i}: startMs and endMs must be integer ms with 0 <= startMs < endMs`);
  }
  return { hostIndices: hosts, startMs: o.startMs, endMs: o.endMs, cause: o.cause ?? 'host', source: o.source ?? `outage-${i}` };
}
