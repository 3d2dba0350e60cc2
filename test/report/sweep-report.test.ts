import { describe, expect, it } from 'vitest';
import { renderSweepReport } from '../../src/report/sweep-report.js';
import { axisValueLabels, meanWithCi, paretoFront } from '../../src/report/sweep-stats.js';
import type { SweepResult } from '../../src/sweep/sweep-result.js';
import { chartsByName } from './html-helpers.js';

const policies = [0.8, 0.9, 1.0, 1.1, 1.2].map((safety) => ({ overload: 'thr', selection: 'mmt', safety }));
const metrics = ['energyKWh', 'sla.slav', 'migrations', 'cpu.unmetFraction', 'hosts.activeMean', 'vmRestarts', 'availability'];

/** 5 policies x 3 seeds; energy 100 + 10 x policy + seed, slav falling with the policy, migrations 34,364 for the first. */
function sweep(): SweepResult {
  const results = policies.flatMap((consolidation, p) =>
    [1, 2, 3].map((seed) => ({
      index: p * 3 + seed - 1,
      hash: `${p}${seed}`.padEnd(64, 'a'),
      parameters: { consolidation, seed },
      metrics: { energyKWh: 100 + 10 * p + seed, 'sla.slav': 0.05 - 0.01 * p, migrations: p === 0 ? 34_364 : 1000, 'cpu.unmetFraction': 0.001, 'hosts.activeMean': 5, vmRestarts: 0, availability: 1 },
    })),
  );
  return {
    kind: 'sweep', rackplanVersion: '0.1.0', name: 's', description: '', sweep: 's.json', scenario: 'x.json',
    axes: [{ key: 'consolidation', values: policies }, { key: 'seed', values: [1, 2, 3] }],
    metrics, runs: 15, executed: 15, reused: 0, results,
  };
}

describe('sweep report', () => {
  it('labels an object-valued axis by what differs, charts every metric, and does not chart seeds', () => {
    expect(axisValueLabels(policies)).toEqual(['safety=0.8', 'safety=0.9', 'safety=1', 'safety=1.1', 'safety=1.2']);
    const html = renderSweepReport(sweep());
    const charts = chartsByName(html);
    expect([...charts.keys()].sort()).toEqual(metrics.map((m) => `consolidation:${m}`).sort());
    expect(html).not.toContain('data-chart="seed:');
    expect(html).toContain('>safety=0.8</tspan>');
  });

  it('gives mean ± 95% CI over seeds (t with 2 degrees of freedom), and 34,364 in full', () => {
    // energy for policy 0: 101, 102, 103 -> mean 102, s = 1, CI = 4.303 x 1 / sqrt(3) = 2.484
    const s = meanWithCi([101, 102, 103])!;
    expect(s.mean).toBe(102);
    expect(s.ci95).toBeCloseTo(4.303 / Math.sqrt(3), 9);
    expect(meanWithCi([7])).toEqual({ mean: 7, ci95: null, runs: 1 });
    const html = renderSweepReport(sweep());
    expect(html).toContain('<td class="num">102 ± 2.484</td>');
    expect(html).toContain('<td class="num">34,364</td>');
    expect(html).not.toContain('34,360');
  });

  it('marks the Pareto front of energy against SLA violation', () => {
    const result = sweep();
    // Energy rises with the policy and slav falls: each policy's seed-1 run is on the front,
    // seeds 2 and 3 are beaten by seed 1 of the same policy (same slav, less energy).
    expect([...paretoFront(result.results, 'energyKWh', 'sla.slav')].sort((a, b) => a - b)).toEqual([0, 3, 6, 9, 12]);
    const html = renderSweepReport(result);
    expect((html.match(/data-pareto="1"/g) ?? []).length).toBe(5);
  });
});
