import { describe, expect, it } from 'vitest';
import type { CapacityPlanResult, PlanCountRow, PlanRunRecord } from '../../src/planner/plan-result.js';
import { compareVerdict } from '../../src/report/compare-verdict.js';
import { renderCompareReport } from '../../src/report/compare-report.js';
import { planVerdict } from '../../src/report/plan-verdict.js';
import { renderPlanReport } from '../../src/report/plan-report.js';
import { renderRunReport } from '../../src/report/run-report.js';
import { runVerdict } from '../../src/report/run-verdict.js';
import { buildCompareResult, buildRunResult } from './fixtures.js';

describe('compare verdict', () => {
  it('names the best scenario within the SLA against physical, then warns per scenario with unmet demand', () => {
    // Fixture: unmet shares physical 0, virtual 0.02%, virtual-minimal 0.41%, elastic 0.11%,
    // containers 0.07%; energy 12,000 kWh x (1, 0.39, 0.33, 0.35, 0.3). Within 0.10%: physical,
    // virtual, containers; the least energy of those: containers (3,600 kWh, 26 servers).
    const v = compareVerdict(buildCompareResult({ intervals: 12 }));
    expect(v.answer).toBe('Best within the SLA (unmet <= 0.10%) of 5 scenarios: containers, 26 servers, 3,600.0 kWh (physical: 250 servers, 12,000.0 kWh).');
    expect(v.warnings.map((w) => w.split(':')[0])).toEqual(['virtual', 'virtual-minimal', 'elastic', 'containers']);
    // A quarter of the 0.41% above the VMs' size (0.1025% -> 0.10%), three quarters contention (0.3075% -> 0.31%).
    expect(v.warnings[1]).toBe("virtual-minimal: 0.41% of CPU demand went unmet (0.10% above the VMs' own size (no number of hosts serves it), 0.31% to contention on shared hosts).");
  });

  it('says loudly when VMs went unplaced, when no scenario met the SLA, and the trace quirks', () => {
    const compare = buildCompareResult({ intervals: 12 });
    for (const s of compare.scenarios) {
      s.unmetFraction = 0.2;
      s.traceQuirks = { 'duplicate-timestamp': 3, 'size-change': 0 };
    }
    compare.scenarios[2]!.vmsUnplaced = 17;
    const v = compareVerdict(compare);
    expect(v.answer).toBe('None of the 5 scenarios met the SLA (unmet <= 0.10%).');
    expect(v.warnings[0]).toBe('no scenario met the SLA (unmet <= 0.10%); the least unmet demand was 20.0% (containers).');
    expect(v.warnings[1]).toBe('virtual-minimal: 17 of 400 VMs were never placed; all their demand counts as unmet.');
    expect(v.warnings.at(-1)).toBe('the trace had quirks that were handled, not errors (docs/trace-formats.md): duplicate-timestamp x3.');
    // The same verdict heads compare.html, before the savings.
    const html = renderCompareReport(compare);
    expect(html).toContain('<section class="verdict warn" data-verdict><p class="answer">None of the 5 scenarios met the SLA (unmet &lt;= 0.10%).</p>');
    expect(html.indexOf('data-verdict')).toBeLessThan(html.indexOf('<h2>Against physical</h2>'));
  });
});

function row(hosts: number, passFraction: number, unmet: number): PlanCountRow {
  return { hosts, runs: 1, passFraction, holds: passFraction === 1, energyKWhMean: 10, unmetFractionMean: unmet, costUsd: null };
}

function run(candidate: string, hosts: number, metrics: Record<string, number>): PlanRunRecord {
  return { key: `${candidate}/${hosts}`, candidate, topology: `${hosts} x ${candidate}`, hosts, placement: 'first-fit', growth: 1, growthMode: 'scale', failures: 'none', seed: 1, pass: true, metrics };
}

/** Two host models at growth 1: big meets the SLO at 3 hosts (some demand above VM size), small never within 8. */
function plan(): CapacityPlanResult {
  const group = { growth: 1, costPerHostUsd: null, failureFreeHosts: null, headroomHosts: null, failureFreeRows: null, monotonic: true, violations: [] };
  return {
    kind: 'capacity-plan',
    rackplanVersion: '0.1.0',
    inputs: {
      scenario: null, scenarioName: 'adhoc', trace: { path: 't.csv', format: 'csv', vms: 50 }, slo: 'unmetFraction<=0.01', seeds: [1], seedsRequested: 10,
      confidence: 0.95, growth: [1], growthMode: 'scale', failures: null, nPlus: 0, maxHosts: 8, hypervisor: 'kvm', placement: 'first-fit', files: [],
    },
    headroomMethod: 'none',
    groups: [
      { ...group, hostModel: 'big', hostModelName: 'Big', smallestPassing: 3, recommendedHosts: 3, rows: [row(2, 0, 0.2), row(3, 1, 0.004)] },
      { ...group, hostModel: 'small', hostModelName: 'Small', smallestPassing: null, recommendedHosts: null, rows: [row(4, 0, 0.3), row(8, 0, 0.05)] },
    ],
    recommendation: { hostModel: 'big', growth: 1, hosts: 3, costUsd: null },
    sentence: 'Use 3 x big.',
    // At 3 big hosts: 2 of 50 VMs unplaced; 0.4% unmet, 0.3% of demand above the VMs' size (30 of 10,000 MHz-h).
    runs: [run('big', 3, { 'vms.total': 50, 'vms.unplaced': 2, 'cpu.unmetFraction': 0.004, 'cpu.demandMHzHours': 10_000, 'cpu.unmetCauses.aboveSizeMHzHours': 30 }), run('big', 2, { 'vms.unplaced': 9 })],
  };
}

describe('plan verdict', () => {
  it('answers with the recommendation, warns where the SLO was not met (nearest miss) and about the recommended runs', () => {
    const v = planVerdict(plan());
    expect(v.answer).toBe('Use 3 x big.');
    expect(v.warnings).toEqual([
      'big, growth 1, 3 hosts: up to 2 of 50 VMs were never placed; all their demand counts as unmet.',
      "big, growth 1, 3 hosts: up to 0.40% of CPU demand went unmet, 0.30% of it above the VMs' own size (no number of hosts serves it).",
      'small, growth 1: the SLO "unmetFraction<=0.01" was not met within 8 hosts; nearest miss 8 hosts (SLO held in 0 of 1 runs, unmet 5.00%).',
    ]);
  });

  it('heads plan.html, and the page says the seeds collapsed to one', () => {
    const html = renderPlanReport(plan());
    expect(html).toContain('<section class="verdict warn" data-verdict><p class="answer">Use 3 x big.</p>');
    expect(html).toContain('adhoc: csv trace, 50 VMs; SLO unmetFraction&lt;=0.01; 1 seed (10 asked for; nothing in the scenario is random), 95% confidence');
    expect(html).toMatch(/<p class="note" data-seeds-collapsed>1 seeded run per host count, not the 10 asked for: nothing in this scenario draws a random number/);
    const { seedsRequested: _, ...inputs } = plan().inputs;
    expect(renderPlanReport({ ...plan(), inputs })).not.toContain('data-seeds-collapsed');
  });
});

describe('run verdict: assumptions', () => {
  it('stated as notes beside the answer, never as warnings (so --strict ignores them), and at the top of the report', () => {
    const result = buildRunResult({ hosts: 4, intervals: 12, vms: 10 });
    const plain = runVerdict(result.summary);
    const assumption = 'hosts from the trace (4 machines, 1 size, hypervisor bare-metal); power and MHz assumed from generic-2s-64c: ...';
    const noted = runVerdict(result.summary, { assumptions: [assumption] });
    expect(noted).toEqual({ ...plain, notes: [assumption] });
    expect(runVerdict(result.summary, { assumptions: [] })).toEqual(plain);
    const html = renderRunReport({ ...result, inputs: { ...result.inputs, assumptions: [assumption] } });
    expect(html).toContain(`<p class="note" data-assumption>${assumption}</p>`);
    expect(html.indexOf('data-assumption')).toBeLessThan(html.indexOf('data-metric'));
  });
});
