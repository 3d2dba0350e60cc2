import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadCatalog } from '../../src/model/catalog.js';
import { buildDatacenter, uniformTopology } from '../../src/model/datacenter.js';
import { placementPolicy } from '../../src/placement/registry.js';
import { loadScenario } from '../../src/scenario/load-scenario.js';
import { runScenario } from '../../src/scenario/run-scenario.js';
import { referenceCheck } from '../../src/simulation/reference-check.js';
import { DEFAULT_ELASTIC, sharingRules } from '../../src/simulation/sharing-rules.js';
import { simulate } from '../../src/simulation/simulate.js';
import { loadTrace } from '../../src/traces/load-trace.js';
import { selectWorkload } from '../../src/traces/workload-window.js';
import { SHARED_TRACES } from '../traces/helpers/fixture-tools.js';

/**
 * The SWF sample in ../shared/traces (NASA iPSC/860, 18,239 jobs over 3 months) replayed on 4
 * hosts of 2 x 20 cores: its jobs are deferrable by default, so what contention leaves unserved
 * waits and runs later. Skipped, with the reason printed, when the shared traces are absent.
 */
const SWF = join(SHARED_TRACES, 'swf', 'NASA-iPSC-1993-3.1-cln.swf');
const present = existsSync(SWF);
if (!present) console.log(`deferrable-swf: skipped - ${SWF} does not exist (the shared real traces are not installed here)`);

describe.skipIf(!present)('deferrable work on the SWF sample', () => {
  it('reports its backlog and delays, and demand = served now + late + pending + dropped', async () => {
    const scenario = loadScenario(null, { trace: SWF, uniform: { model: 'dell-poweredge-r740', count: 4 } });
    const result = await runScenario(scenario, { cacheDir: null, io: false });
    const d = result.summary.deferrable!;
    expect(d.vms).toBe(18_239);
    // Every VM is deferrable: the deferrable demand is all the demand, counted from the VMs' own integrals.
    expect(d.demandMHzHours).toBeCloseTo(result.summary.cpu.demandMHzHours, 3);
    const accounted = d.servedNowMHzHours + d.servedLateMHzHours + d.pendingMHzHours + d.droppedMHzHours;
    expect(Math.abs(d.demandMHzHours - accounted) / d.demandMHzHours).toBeLessThan(1e-9);
    expect(d.conservationError).toBeLessThan(1e-9);
    // What was served, now or late, is what the hosts served.
    expect((d.servedNowMHzHours + d.servedLateMHzHours) / result.summary.cpu.servedMHzHours).toBeCloseTo(1, 9);
    // Contention on 4 hosts defers work that is served later, with delays that are ordered.
    expect(d.servedLateMHzHours).toBeGreaterThan(0.01 * d.demandMHzHours);
    const delay = d.delaySeconds!;
    expect(delay.p50).toBeGreaterThan(0);
    expect(delay.p50).toBeLessThanOrEqual(delay.p95);
    expect(delay.p95).toBeLessThanOrEqual(delay.max);
    // Nothing unmet is left to contention: a deferrable VM's shortfall is late or pending, not lost.
    const causes = result.summary.cpu.unmetCauses;
    expect(causes.contentionMHzHours).toBe(0);
    expect(causes.pendingMHzHours).toBeCloseTo(d.pendingMHzHours, 6);
    const named = causes.unplacedMHzHours + causes.aboveSizeMHzHours + causes.hostDownMHzHours + causes.waitingMHzHours + causes.migrationMHzHours + causes.pendingMHzHours!;
    expect(named / result.summary.cpu.unmetMHzHours).toBeCloseTo(1, 9);
    // The backlog series: one mean per report interval, non-negative, some of it non-zero.
    const series = result.backlog!;
    expect(series.pendingMHzSeconds.length).toBe(result.timeseries.startSeconds.length);
    expect(Math.min(...series.pendingMHzSeconds)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...series.pendingMHzSeconds)).toBeGreaterThan(0);
  });

  it('"deferrable": false turns the default off', async () => {
    const scenario = loadScenario(null, { trace: SWF, uniform: { model: 'dell-poweredge-r740', count: 4 }, selection: { firstVms: 500 } });
    scenario.spec.deferrable = false;
    const result = await runScenario(scenario, { cacheDir: null, io: false });
    expect(result.summary.deferrable).toBeUndefined();
    expect(result.backlog).toBeUndefined();
    expect(result.summary.cpu.unmetCauses.contentionMHzHours).toBeGreaterThan(0);
  });

  it('the first 300 jobs on one host stay exact against the slow reference, step by step', async () => {
    const { workload: full } = await loadTrace(SWF, { cacheDir: null });
    const w = selectWorkload(full, { firstVms: 300 });
    const dc = buildDatacenter(uniformTopology('dell-poweredge-r740', 1, 'kvm'), loadCatalog(), 'one host');
    const settings = { rules: sharingRules(w, 'fixed', DEFAULT_ELASTIC), policy: placementPolicy('best-fit'), initialBatchMs: 300_000, reportIntervalMs: 300_000, deferrable: new Uint8Array(w.vmCount).fill(1) };
    const record = simulate(w, dc, settings, { observe: referenceCheck });
    const b = record.backlog!;
    expect(b.servedLateInt).toBeGreaterThan(0);
    const demand = record.vms.demandInt.reduce((sum, x) => sum + x, 0);
    expect(Math.abs(demand - (b.servedNowInt + b.servedLateInt + b.pendingInt + b.droppedInt)) / demand).toBeLessThan(1e-9);
  });
});
