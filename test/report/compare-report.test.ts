import { describe, expect, it } from 'vitest';
import type { CompareScenario } from '../../src/compare/compare-result.js';
import { COMPARE_FIGURES, renderCompareReport } from '../../src/report/compare-report.js';
import { savingsSentence } from '../../src/report/compare-savings.js';
import { REPORT_CSP } from '../../src/report/page.js';
import { buildCompareResult } from './fixtures.js';
import { chartsByName, countMarks, urls } from './html-helpers.js';

const compare = buildCompareResult({ intervals: 2016, costs: true, hostileLabel: false });
const html = renderCompareReport(compare);

function scenario(overrides: Partial<CompareScenario>): CompareScenario {
  return { ...compare.scenarios[1]!, ...overrides };
}

describe('savings sentence', () => {
  const physical = compare.scenarios[0]!;

  it('states servers, energy and unmet demand against physical in plain words', () => {
    // 38 / 250 - 1 = -84.8 % -> -85 %; energy 0.39 x -> 61 % less; unmet 0.0002 -> 0.02 %.
    const s = scenario({ label: 'virtual', costUsd: null });
    expect(savingsSentence(s, { ...physical, costUsd: null })).toBe(
      'virtual needs 38 servers instead of 250 (-85%), uses 61% less energy and leaves 0.02% of demand unmet',
    );
  });

  it('adds the cost when both costs are known', () => {
    // 342,000 / 2,250,000 - 1 = -84.8 % -> 85 % less.
    expect(savingsSentence(compare.scenarios[1]!, physical)).toBe(
      'virtual needs 38 servers instead of 250 (-85%), uses 61% less energy, costs 85% less ($342,000 instead of $2,250,000) and leaves 0.02% of demand unmet',
    );
  });

  it('says more, the same, and handles a zero baseline', () => {
    const more = scenario({ label: 'x', serversNeeded: 300, energyKWh: physical.energyKWh * 1.25, costUsd: null });
    expect(savingsSentence(more, physical)).toBe(
      'x needs 300 servers instead of 250 (+20%), uses 25% more energy and leaves 0.02% of demand unmet',
    );
    const same = scenario({ label: 'y', serversNeeded: 1, energyKWh: physical.energyKWh * 1.004, costUsd: null });
    expect(savingsSentence(same, physical)).toContain('needs 1 server instead of 250 (-100%), uses about the same energy');
    const zero = { ...physical, serversNeeded: 0, energyKWh: 0, costUsd: null };
    expect(savingsSentence(scenario({ label: 'z', costUsd: null }), zero)).toBe(
      'z needs 38 servers instead of 0, uses 4,680 kWh and leaves 0.02% of demand unmet',
    );
  });
});

describe('compare report', () => {
  it('is self-contained with the CSP and no URLs', () => {
    expect(html).toContain(`<meta http-equiv="Content-Security-Policy" content="${REPORT_CSP}">`);
    expect(html).not.toMatch(/<script|<link|<iframe|<img|@import|url\(/i);
    expect(urls(html)).toEqual([]);
  });

  it('draws one mark per data item in every chart', () => {
    const n = compare.scenarios.length;
    const expected: Record<string, number> = {
      servers: 2 * n, // servers needed and powered-on mean per scenario
      energy: n,
      unmet: n,
      cost: n,
      'active-hosts': n - 1, // one line per scenario but physical (its servers are always on)
    };
    for (const s of compare.scenarios) expected[`utilization-${s.id}`] = 1;
    const charts = chartsByName(html);
    expect([...charts.keys()].sort()).toEqual(Object.keys(expected).sort());
    for (const [name, count] of Object.entries(expected)) expect(countMarks(charts.get(name)!), name).toBe(count);
  });

  it('leaves the always-on physical servers out of hosts over time, so the pools are readable', () => {
    const chart = chartsByName(html).get('active-hosts')!;
    expect(chart).toContain('dedicated servers are on all the time and not drawn (physical: 250 servers)');
    expect(chart).not.toContain('data-series="physical"');
    // The pools peak at 38 x 0.95 = 36 hosts: the axis ends at 40, not at physical's 250.
    const ticks = [...chart.matchAll(/<text class="tk" x="[^"]*" y="[^"]*" dy="0.32em" text-anchor="end">([^<]*)</g)].map((m) => Number(m[1]));
    expect(Math.max(...ticks)).toBe(40);
  });

  it('adds migrations and SLAV bars with a policy axis, SLAV in a power of ten', () => {
    const withPolicies = buildCompareResult({ intervals: 48, policies: true });
    const page = renderCompareReport(withPolicies);
    const charts = chartsByName(page);
    const n = withPolicies.scenarios.length;
    expect(n).toBe(8);
    expect(countMarks(charts.get('migrations')!)).toBe(n); // one rect per scenario, of zero height without migrations
    expect(countMarks(charts.get('slav')!)).toBe(n);
    // largest SLAV 4.2e-6 -> drawn in units of 1e-6: 4.20 and 0.04 (3.66e-8) printed above the bars
    expect(charts.get('slav')).toContain('SLAV (× 1e-6)');
    expect(charts.get('slav')).toContain('>4.20</text>');
    expect(charts.get('slav')).toContain('>0.04</text>');
    for (const s of withPolicies.scenarios) {
      expect(page).toContain(`data-metric="migrations" data-scenario="${s.id}">${COMPARE_FIGURES.find((f) => f.key === 'migrations')!.format(s.migrations)}</td>`);
    }
    expect(page).toContain('data-metric="slav" data-scenario="virtual-thr-mmt-0.8">3.66e-8</td>');
    expect(page).toContain('data-metric="slav" data-scenario="virtual">0</td>');
    // policy names wrap as a whole in the table: non-breaking hyphens
    expect(page).toContain('<td data-scenario="elastic-lr-mmt-1.2">Elastic, lr\u2011mmt\u20111.2</td>');
    // beyond six scenarios the bar charts take the full width
    expect(page).toMatch(/data-chart="servers" data-kind="bar" viewBox="0 0 960 /);
    expect(chartsByName(html).has('migrations')).toBe(false);
  });

  it('draws no cost bars and says n/a when costs are unknown', () => {
    const page = renderCompareReport(buildCompareResult({ intervals: 48 }));
    const cost = chartsByName(page).get('cost')!;
    expect(countMarks(cost)).toBe(0);
    expect(cost.match(/>n\/a</g)).toHaveLength(5);
  });

  it('states one savings sentence per non-physical scenario', () => {
    for (const s of compare.scenarios.slice(1)) {
      expect(html).toContain(`<li data-savings="${s.id}">${savingsSentence(s, compare.scenarios[0]!)}.</li>`);
    }
    expect(html).not.toContain('data-savings="physical"');
  });

  it('says so when there is no physical baseline', () => {
    const page = renderCompareReport({ ...compare, scenarios: compare.scenarios.slice(1) });
    expect(page).toContain('No physical scenario in this comparison');
  });

  it('tags every figure cell with its scenario and key', () => {
    for (const s of compare.scenarios) {
      for (const f of COMPARE_FIGURES) {
        const value = s[f.key] as number;
        expect(html).toContain(`data-metric="${f.key}" data-scenario="${s.id}">${f.format(value)}</td>`);
      }
    }
  });

  it('splits each scenario\'s unmet demand into its causes, as shares of its demand', () => {
    for (const s of compare.scenarios) {
      // The fixture puts a quarter of the unmet demand above size and the rest in contention.
      const cell = new RegExp(`data-metric="unmetCauses" data-scenario="${s.id}">([^<]*)</td>`).exec(html)![1];
      if (s.unmetFraction === 0) expect(cell).toBe('none');
      else expect(cell).toMatch(/^(&lt; )?[\d.]+% above the vm size, (&lt; )?[\d.]+% contention$/);
    }
    // 3,500,000 MHz·h of demand: 35,000 above size = 1.0%, 3,500 contention = 0.10%, 7 waiting < 0.01%.
    const causes = { unplacedMHzHours: 0, aboveSizeMHzHours: 35_000, contentionMHzHours: 3_500, migrationMHzHours: 0, waitingMHzHours: 7, hostDownMHzHours: 0 };
    const one = renderCompareReport({ ...compare, scenarios: [scenario({ id: 'v', demandMHzHours: 3_500_000, unmetCauses: causes })] });
    expect(one).toContain('data-metric="unmetCauses" data-scenario="v">1.0% above the vm size, 0.10% contention, &lt; 0.01% waiting for a restart</td>');
  });

  it('renders a hostile scenario label only as text', () => {
    const page = renderCompareReport(buildCompareResult({ intervals: 48, hostileLabel: true }));
    expect(page).not.toContain('<img');
    expect(page).toContain('&lt;img src=x onerror=alert(1)&gt;');
  });

  it('renders without scenarios or intervals, and shows missing figures as n/a', () => {
    const empty = renderCompareReport({ ...compare, scenarios: [] });
    expect(empty).toContain('No physical scenario');
    expect(empty).not.toMatch(/NaN|Infinity|undefined/);
    const noSeries = buildCompareResult({ intervals: 0 });
    const page = renderCompareReport(noSeries);
    expect(page).not.toMatch(/NaN|Infinity|undefined/);
    expect(page).toContain('data-metric="activeHostsMean" data-scenario="physical">n/a</td>');
  });

  it('is deterministic', () => {
    expect(renderCompareReport(buildCompareResult({ intervals: 2016, costs: true }))).toBe(html);
  });

  it('stays small: five scenarios over a week of 5-minute intervals', () => {
    expect(Buffer.byteLength(html)).toBeLessThan(1024 * 1024);
  });
});
