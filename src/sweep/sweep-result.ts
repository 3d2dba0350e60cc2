import { basename } from 'node:path';
import { InputError } from '../common/input-error.js';
import { stableStringify } from '../common/stable-json.js';
import { RACKPLAN_VERSION } from '../common/version.js';
import { metricValue, sloKeys } from '../planner/slo.js';
import type { SweepPlan } from './plan-sweep.js';
import type { RunStore } from './run-store.js';
import type { SweepAxis } from './sweep-spec.js';

/**
 * A sweep's result: every run in plan order, with its parameters and headline metrics. The
 * same sweep gives the same sweep.json whatever ran it (1 or N threads, a queue, shards
 * collected later) and from whichever folder: `executed` and `reused` describe this invocation,
 * so sweep.html shows them and sweep.json (see sweepJson) leaves them out.
 */
export interface SweepResult {
  kind: 'sweep';
  rackplanVersion: string;
  name: string;
  description: string;
  /** The sweep file's name, and its base scenario as the sweep file names it (relative to it). */
  sweep: string;
  scenario: string;
  /** Swept keys and their values, keys sorted; runs enumerate them row-major. */
  axes: SweepAxis[];
  /** Summary paths reported per run. */
  metrics: string[];
  /** Runs in the sweep. */
  runs: number;
  /** Runs this invocation simulated (or had queue workers simulate). */
  executed: number;
  /** Runs found already stored (by an earlier invocation, or duplicating another run of this one). */
  reused: number;
  results: SweepRunRecord[];
  /** Runs not stored yet (only from `rackplan sweep --collect`; absent when every run is there). */
  missing?: SweepMissingRun[];
  /** How the OpenDC topologies the runs use were mapped (model/load-topology.ts); absent when none is one. */
  topologyNotes?: string[];
}

export interface SweepMissingRun {
  index: number;
  hash: string;
  parameters: Record<string, unknown>;
}

export interface SweepRunRecord {
  index: number;
  /** The run's folder is `runs/<hash>/`. */
  hash: string;
  parameters: Record<string, unknown>;
  /** By summary path; null when the run has no value (a cost without host prices). */
  metrics: Record<string, number | null>;
}

/** Reads every run's summary from the store and lays the sweep out in plan order. */
export function buildSweepResult(plan: SweepPlan, store: RunStore, counts: { executed: number; reused: number }, absent: ReadonlySet<string> = new Set()): SweepResult {
  const { sweep } = plan;
  const missing = plan.runs.filter((run) => absent.has(run.hash)).map((run) => ({ index: run.index, hash: run.hash, parameters: run.parameters }));
  const results = plan.runs.filter((run) => !absent.has(run.hash)).map((run) => {
    const summary = store.readSummary(run.hash);
    const metrics: Record<string, number | null> = {};
    for (const path of sweep.metrics) {
      const value = metricValue(summary, path);
      if (value === undefined) {
        throw new InputError(`"${path}" is not a metric of the run summary; valid: ${sloKeys(summary).join(', ')}`, { file: sweep.file, field: 'metrics' });
      }
      metrics[path] = typeof value === 'number' ? value : null;
    }
    return { index: run.index, hash: run.hash, parameters: run.parameters, metrics };
  });
  return {
    kind: 'sweep',
    rackplanVersion: RACKPLAN_VERSION,
    name: sweep.spec.name,
    description: sweep.spec.description ?? '',
    sweep: basename(sweep.file),
    scenario: sweep.spec.scenario,
    axes: sweep.axes,
    metrics: sweep.metrics,
    runs: plan.runs.length,
    ...(plan.topologyNotes.length > 0 ? { topologyNotes: plan.topologyNotes } : {}),
    executed: counts.executed,
    reused: counts.reused,
    results,
    ...(missing.length > 0 ? { missing } : {}),
  };
}

/** sweep.json: the result without what describes only this invocation. */
export function sweepJson(result: SweepResult): string {
  const { executed: _executed, reused: _reused, ...content } = result;
  return stableStringify(content);
}
